import { describe, expect, it } from 'vitest';
import { createOpenApiContract } from './openApiContract';
import type { OpenApiDocument } from './openApiContract';
import type { RecordedRequest } from './recording';

const DOCUMENT: OpenApiDocument = {
  paths: {
    '/v1/accounts/{account_id}/orders': {
      parameters: [{ name: 'account_id', in: 'path', required: true, schema: { $ref: '#/components/schemas/i64' } }],
      get: {
        parameters: [
          { name: 'status', in: 'query', schema: { type: 'array', items: { type: 'string', enum: ['NEW', 'FILLED'] } }, style: 'form', explode: false },
          { name: 'limit', in: 'query', schema: { type: 'integer', maximum: 500 } },
        ],
        responses: { '200': { content: { 'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/Order' } } } } } },
      },
      post: {
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/Order' } } } } },
        responses: { '200': {} },
      },
    },
    '/v1/accounts/{account_id}/orders/{order_id}': {
      parameters: [{ name: 'account_id', in: 'path', required: true, schema: { $ref: '#/components/schemas/i64' } }],
      delete: { parameters: [{ name: 'order_id', in: 'path', required: true, schema: { type: 'string' } }], responses: { '204': {} } },
    },
    '/v1/accounts/{account_id}/orders/open': { delete: { responses: { '200': {} } } },
  },
  components: {
    schemas: {
      i64: { type: 'integer' },
      Order: { type: 'object', required: ['id', 'side'], properties: { id: { type: 'string' }, side: { enum: ['BUY', 'SELL'] } } },
    },
  },
};

const contract = createOpenApiContract(DOCUMENT, 'test.json');

function request(method: string, path: string, query: Record<string, string> = {}, body: unknown = null): RecordedRequest {
  const headers: Record<string, string> = body === null ? {} : { 'content-type': 'application/json' };
  return { method, path, query, headers, body, at: 0, requestId: 'r' };
}

describe('createOpenApiContract', () => {
  it('matches a literal segment before a template parameter, and decodes path parameters', () => {
    expect(contract.operationFor('DELETE', '/v1/accounts/7/orders/open')?.template).toBe('/v1/accounts/{account_id}/orders/open');
    expect(contract.operationFor('DELETE', '/v1/accounts/7/orders/a%2Fb')).toMatchObject({ template: '/v1/accounts/{account_id}/orders/{order_id}', pathParams: { account_id: '7', order_id: 'a/b' } });
    expect(contract.operationFor('PUT', '/v1/accounts/7/orders')).toBeNull();
  });

  it('accepts a request that honours the description, reading comma lists and numbers from their text', () => {
    expect(contract.requestProblems(request('GET', '/v1/accounts/7/orders', { status: 'NEW,FILLED', limit: '50' }))).toEqual([]);
    expect(contract.requestProblems(request('POST', '/v1/accounts/7/orders', {}, [{ id: 'a', side: 'BUY' }]))).toEqual([]);
  });

  it('names each parameter that is undeclared or out of its schema, including a path parameter typed through a $ref', () => {
    expect(contract.requestProblems(request('GET', '/v1/accounts/x7/orders', { status: 'NEW,OPEN', limit: '501', page: '2' }))).toEqual([
      'GET /v1/accounts/x7/orders: path parameter account_id="x7" data must be integer',
      'GET /v1/accounts/x7/orders: query parameter status="NEW,OPEN" data/1 must be equal to one of the allowed values',
      'GET /v1/accounts/x7/orders: query parameter limit="501" data must be <= 500',
      'GET /v1/accounts/x7/orders: query parameter page is not declared for GET /v1/accounts/{account_id}/orders',
    ]);
  });

  it('checks a body against its schema, and refuses a body where none is taken or none where one is required', () => {
    expect(contract.requestProblems(request('POST', '/v1/accounts/7/orders', {}, [{ id: 'a', side: 'HOLD' }]))).toEqual([
      'POST /v1/accounts/7/orders: body data/0/side must be equal to one of the allowed values',
    ]);
    expect(contract.requestProblems(request('POST', '/v1/accounts/7/orders'))).toEqual(['POST /v1/accounts/7/orders: body data must be array']);
    expect(contract.requestProblems(request('DELETE', '/v1/accounts/7/orders/o-1', {}, { why: 'x' }))).toEqual([
      'DELETE /v1/accounts/7/orders/o-1: sends a body the operation does not take',
    ]);
  });

  it('checks an answer against the schema of its status, and names a status the operation does not declare', () => {
    const matched = contract.operationFor('GET', '/v1/accounts/7/orders');
    if (matched === null) throw new Error('no operation');
    expect(contract.responseProblems(matched, 200, [{ id: 'o', side: 'SELL' }])).toEqual([]);
    expect(contract.responseProblems(matched, 200, [{ id: 'o' }])).toEqual(["GET /v1/accounts/{account_id}/orders 200: data/0 must have required property 'side'"]);
    expect(contract.responseProblems(matched, 404, {})).toEqual(['GET /v1/accounts/{account_id}/orders 404: the status is not declared']);
  });
});
