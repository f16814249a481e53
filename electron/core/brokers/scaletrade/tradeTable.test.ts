import { describe, expect, it } from 'vitest';
import { parseKeepingNumberText } from '../numberTextJson';
import { tradeTableSchema } from './schemas';
import { readTradeTable } from './tradeTable';

function table(text: string) {
  return tradeTableSchema.parse(parseKeepingNumberText(text));
}

describe('readTradeTable', () => {
  it('reads each value by its column name, whatever the order and with extra columns', () => {
    const [trade] = readTradeTable(table(
      '{"structure":["symbol","magic","volume","open_price","order","cmd","close_price","profit","net_profit","open_time"],' +
        '"rows":[["GBPUSD",42,250,1.2713,778899,1,1.27152,-55,-61.25,1769000000]],"count":1}',
    ));
    expect(trade).toMatchObject({ order: '778899', cmd: 1, symbol: 'GBPUSD', openPrice: '1.2713', closePrice: '1.27152', profit: '-55', netProfit: '-61.25', openTime: 1_769_000_000 });
    expect(trade?.volume.toFixed()).toBe('250');
  });

  it('keeps numbers beyond float precision exact, including exponent forms', () => {
    const [trade] = readTradeTable(table(
      '{"structure":["order","cmd","symbol","volume","open_price","profit"],"rows":[[12345678901234567890,0,"BTCUSD",100,1.000000000000000123,1e-7]],"count":1}',
    ));
    expect(trade?.order).toBe('12345678901234567890');
    expect(trade?.openPrice).toBe('1.000000000000000123');
    expect(trade?.profit).toBe('0.0000001');
  });

  it('sums profit, commission and storage when the table has no net_profit column', () => {
    const [trade] = readTradeTable(table(
      '{"structure":["order","cmd","symbol","volume","open_price","profit","commission","storage"],"rows":[[1,0,"EURUSD",10,1.1,0.3,-0.07,-0.01]],"count":1}',
    ));
    expect(trade?.netProfit).toBe('0.22');
  });

  it('treats a close price, open time or close time of 0 as not set', () => {
    const [trade] = readTradeTable(table(
      '{"structure":["order","cmd","symbol","volume","open_price","close_price","open_time","close_time","comment"],"rows":[[1,0,"EURUSD",10,1.1,0,0,0,""]],"count":1}',
    ));
    expect(trade).toMatchObject({ closePrice: null, openTime: null, closeTime: null, comment: null });
  });

  it('refuses a table without a required column, naming it', () => {
    expect(() => readTradeTable(table('{"structure":["order","cmd","symbol","open_price"],"rows":[],"count":0}'))).toThrow('the trade table has no "volume" column');
  });

  it('names the trade and the column of a value it cannot read', () => {
    const body = table('{"structure":["order","cmd","symbol","volume","open_price"],"rows":[[5,0,"EURUSD",10.5,1.1],[6,0,"EURUSD"]],"count":2}');
    expect(() => readTradeTable(body)).toThrow('trade 5: volume must be a whole number, got 10.5');
    const short = table('{"structure":["order","cmd","symbol","volume","open_price"],"rows":[[6,0,"EURUSD"]],"count":1}');
    expect(() => readTradeTable(short)).toThrow('trade 6: volume must be a number, got nothing');
  });
});
