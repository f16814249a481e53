import { describe, expect, it } from 'vitest';
import { readJson } from './jsonText';
import { readCloseRequest, readNewOrders } from './requestBodies';

function messageOf(text: string): string {
  const result = readJson(text);
  if (result.ok) throw new Error(`expected ${JSON.stringify(text)} not to parse`);
  return result.message;
}

describe('readJson', () => {
  it('reads every kind of value and keeps where each one ends', () => {
    const result = readJson('{\n  "a": [1, -2.5e3, "x\\n\\u0041"],\n  "b": {"c": true, "d": null}\n}');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.node.end).toEqual({ line: 4, column: 1 });
    const [first] = result.node.kind === 'object' ? result.node.entries : [];
    expect(first?.[0]).toBe('a');
    expect(first?.[1]).toMatchObject({ kind: 'array', end: { line: 2, column: 31 } });
    expect(first?.[1].kind === 'array' ? first[1].items.map((item) => item.kind) : []).toEqual(['number', 'number', 'string']);
    expect(first?.[1].kind === 'array' ? first[1].items[2] : undefined).toMatchObject({ value: 'x\nA' });
  });

  it('words a missing colon as serde_json does, with the line and column of the offending character', () => {
    expect(messageOf('{\n  "cancel_orders" true\n}')).toBe('expected `:` at line 2 column 19');
  });

  const cases: Array<[string, string, string]> = [
    ['a missing comma in an object', '{"a":1 "b":2}', 'expected `,` or `}` at line 1 column 8'],
    ['a missing comma in a list', '[1 2]', 'expected `,` or `]` at line 1 column 4'],
    ['a key that is not a string', '{1:2}', 'key must be a string at line 1 column 2'],
    ['a missing value', '{"a":}', 'expected value at line 1 column 6'],
    ['a trailing comma in an object', '{"a":1,}', 'trailing comma at line 1 column 8'],
    ['a trailing comma in a list', '[1,]', 'trailing comma at line 1 column 4'],
    ['text after the document', '{} x', 'trailing characters at line 1 column 4'],
    ['a misspelt literal', '{"a": tru}', 'expected ident at line 1 column 10'],
    ['an unfinished object', '{"a":1', 'EOF while parsing an object at line 1 column 6'],
    ['an unfinished list', '[', 'EOF while parsing a list at line 1 column 1'],
    ['an unfinished string', '"abc', 'EOF while parsing a string at line 1 column 4'],
    ['an empty document', '', 'EOF while parsing a value at line 1 column 0'],
    ['a bad escape', '"\\x"', 'invalid escape at line 1 column 3'],
    ['a raw newline inside a string', '"a\nb"', 'control character (\\u0000-\\u001F) found while parsing a string at line 2 column 0'],
  ];
  for (const [name, text, message] of cases) {
    it(`reports ${name}`, () => {
      expect(messageOf(text)).toBe(message);
    });
  }
});

describe('readNewOrders', () => {
  it('reads an array of orders, leaving absent optional fields null', () => {
    const orders = readNewOrders('[{"symbol":"AAPL","side":"SELL","quantity":"2.5","order_type":"LIMIT","time_in_force":"DAY","limit_price":"201.10","id":"abc"}]');
    expect(orders).toEqual({
      ok: true,
      value: [{ id: 'abc', symbol: 'AAPL', instrument_id: null, side: 'SELL', quantity: '2.5', order_type: 'LIMIT', time_in_force: 'DAY', limit_price: '201.10', stop_price: null, trailing_offset: null }],
    });
  });

  it('refuses JSON that does not parse with 400 and the parse message', () => {
    const result = readNewOrders('[{"symbol":"AAPL",}]');
    expect(result.ok ? null : result.failure).toEqual({
      status: 400,
      error: { code: 400, message: 'Failed to parse the request body as JSON: trailing comma at line 1 column 19' },
    });
  });

  it('refuses a missing field with 422, naming the element and the field', () => {
    const result = readNewOrders('[\n  {"symbol":"AAPL","side":"BUY","quantity":"1","time_in_force":"DAY"}\n]');
    expect(result.ok ? null : result.failure.status).toBe(422);
    expect(result.ok ? null : result.failure.error.message).toBe(
      'Failed to deserialize the JSON body into the target type: [0]: missing field `order_type` at line 2 column 69',
    );
  });

  it('refuses a wrong type or an unknown variant with 422, naming the field', () => {
    const wrongType = readNewOrders('[{"symbol":"AAPL","side":"BUY","quantity":25,"order_type":"MARKET","time_in_force":"DAY"}]');
    expect(wrongType.ok ? null : wrongType.failure.error.message).toBe(
      'Failed to deserialize the JSON body into the target type: [0].quantity: invalid type: integer `25`, expected a string at line 1 column 44',
    );
    const unknown = readNewOrders('[{"symbol":"AAPL","side":"HOLD","quantity":"1","order_type":"MARKET","time_in_force":"DAY"}]');
    expect(unknown.ok ? null : unknown.failure.error.message).toContain('[0].side: unknown variant `HOLD`, expected one of `BUY`, `SELL`, `SELL_SHORT`, `OTHER`');
  });

  it('refuses a single object where an array is expected', () => {
    const result = readNewOrders('{"symbol":"AAPL"}');
    expect(result.ok ? null : result.failure.error.message).toBe(
      'Failed to deserialize the JSON body into the target type: invalid type: map, expected a sequence at line 1 column 17',
    );
  });
});

describe('readCloseRequest', () => {
  it('reads no body, null, an empty object and cancel_orders', () => {
    expect(readCloseRequest('')).toEqual({ ok: true, value: { cancelOrders: false } });
    expect(readCloseRequest('null')).toEqual({ ok: true, value: { cancelOrders: false } });
    expect(readCloseRequest('{}')).toEqual({ ok: true, value: { cancelOrders: false } });
    expect(readCloseRequest('{"cancel_orders": null}')).toEqual({ ok: true, value: { cancelOrders: false } });
    expect(readCloseRequest('{"cancel_orders": true}')).toEqual({ ok: true, value: { cancelOrders: true } });
  });

  it('refuses cancel_orders that is not a boolean as an invalid request', () => {
    const result = readCloseRequest('{"cancel_orders": "yes"}');
    expect(result.ok ? null : result.failure).toEqual({
      status: 400,
      error: {
        code: 400,
        message: 'Failed to deserialize the JSON body into the target type: cancel_orders: invalid type: string "yes", expected a boolean at line 1 column 23',
      },
    });
  });
});
