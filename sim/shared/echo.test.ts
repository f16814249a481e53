import { describe, expect, it } from 'vitest';
import { echoCredentials } from './echo';

describe('echoCredentials', () => {
  it('quotes the credentials raw and percent-encoded in messages, codes and request ids at any depth', () => {
    const answer = echoCredentials(
      {
        status: 207,
        headers: { 'x-request-id': 'req-1' },
        body: [{ symbol: 'AAPL', status: 403, body: { code: 40310000, message: 'insufficient qty' } }],
      },
      ['Basic a+b='],
    );
    const quote = '(you sent Basic a+b= Basic%20a%2Bb%3D)';
    expect(answer).toEqual({
      status: 207,
      headers: { 'x-request-id': `req-1 ${quote}` },
      body: [{ symbol: 'AAPL', status: 403, body: { code: `40310000 ${quote}`, message: `insufficient qty ${quote}` } }],
    });
  });

  it('leaves fields that carry data, an answer without a body and absent headers alone', () => {
    expect(echoCredentials({ status: 200, body: { qty: '10', symbol: 'AAPL' } }, ['s'])).toEqual({ status: 200, headers: {}, body: { qty: '10', symbol: 'AAPL' } });
    expect(echoCredentials({ status: 204 }, ['s'])).toEqual({ status: 204, headers: {} });
  });
});
