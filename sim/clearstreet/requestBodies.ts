import { badRequest, fail, succeed, unprocessable } from './errors';
import type { Failure, Outcome } from './errors';
import { describePosition, describeUnexpected, readJson } from './jsonText';
import type { JsonNode } from './jsonText';
import { ORDER_SIDES, REQUEST_ORDER_TYPES, REQUEST_TIMES_IN_FORCE } from './types';
import type { OrderSide, OrderType, TimeInForce } from './types';

/** A NewOrderRequest as read from the body; optional fields the simulator does not act on are left out. */
export interface NewOrderRequest {
  id: string | null;
  symbol: string | null;
  instrument_id: string | null;
  side: OrderSide;
  quantity: string;
  order_type: OrderType;
  time_in_force: TimeInForce;
  limit_price: string | null;
  stop_price: string | null;
  trailing_offset: string | null;
}

const PARSE_PREFIX = 'Failed to parse the request body as JSON: ';
const DESERIALIZE_PREFIX = 'Failed to deserialize the JSON body into the target type: ';

/** A body that parsed but does not fit the type, worded like serde: "[0].side: unknown variant `X`, expected ...". */
class ShapeError extends Error {}

function shapeError(path: string, message: string, node: JsonNode): never {
  throw new ShapeError(`${path === '' ? '' : `${path}: `}${message} ${describePosition(node.end)}`);
}

function invalidType(path: string, node: JsonNode, expected: string): never {
  return shapeError(path, `invalid type: ${describeUnexpected(node)}, expected ${expected}`, node);
}

class StructReader {
  private readonly fields: Map<string, JsonNode>;

  constructor(
    private readonly node: JsonNode & { kind: 'object' },
    private readonly path: string,
  ) {
    this.fields = new Map(node.entries);
  }

  private fieldPath(name: string): string {
    return this.path === '' ? name : `${this.path}.${name}`;
  }

  private present(name: string): JsonNode | undefined {
    const value = this.fields.get(name);
    return value === undefined || value.kind === 'null' ? undefined : value;
  }

  /** serde reports a missing field where the object ends. */
  private required(name: string): JsonNode {
    const value = this.fields.get(name);
    return value === undefined ? shapeError(this.path, `missing field \`${name}\``, this.node) : value;
  }

  private text(name: string, value: JsonNode): string {
    return value.kind === 'string' ? value.value : invalidType(this.fieldPath(name), value, 'a string');
  }

  optionalString(name: string): string | null {
    const value = this.present(name);
    return value === undefined ? null : this.text(name, value);
  }

  requiredString(name: string): string {
    return this.text(name, this.required(name));
  }

  requiredVariant<T extends string>(name: string, variants: readonly T[]): T {
    const value = this.required(name);
    const text = this.text(name, value);
    const variant = variants.find((candidate) => candidate === text);
    if (variant !== undefined) return variant;
    return shapeError(this.fieldPath(name), `unknown variant \`${text}\`, expected one of ${variants.map((v) => `\`${v}\``).join(', ')}`, value);
  }

  optionalBoolean(name: string): boolean | null {
    const value = this.present(name);
    if (value === undefined) return null;
    return value.kind === 'boolean' ? value.value : invalidType(this.fieldPath(name), value, 'a boolean');
  }
}

function asStruct(node: JsonNode, path: string, name: string): StructReader {
  return node.kind === 'object' ? new StructReader(node, path) : invalidType(path, node, `struct ${name}`);
}

function readNewOrder(node: JsonNode, path: string): NewOrderRequest {
  const fields = asStruct(node, path, 'NewOrderRequest');
  return {
    id: fields.optionalString('id'),
    symbol: fields.optionalString('symbol'),
    instrument_id: fields.optionalString('instrument_id'),
    side: fields.requiredVariant('side', ORDER_SIDES),
    quantity: fields.requiredString('quantity'),
    order_type: fields.requiredVariant('order_type', REQUEST_ORDER_TYPES),
    time_in_force: fields.requiredVariant('time_in_force', REQUEST_TIMES_IN_FORCE),
    limit_price: fields.optionalString('limit_price'),
    stop_price: fields.optionalString('stop_price'),
    trailing_offset: fields.optionalString('trailing_offset'),
  };
}

function parsed(text: string): Outcome<JsonNode> {
  const result = readJson(text);
  return result.ok ? succeed(result.node) : fail(badRequest(`${PARSE_PREFIX}${result.message}`));
}

function shaped<T>(read: () => T, refuse: (message: string) => Failure): Outcome<T> {
  try {
    return succeed(read());
  } catch (error) {
    if (error instanceof ShapeError) return fail(refuse(`${DESERIALIZE_PREFIX}${error.message}`));
    throw error;
  }
}

/** POST /v1/accounts/{id}/orders takes a JSON array of NewOrderRequest: bad JSON is a 400, a wrong shape a 422. */
export function readNewOrders(text: string): Outcome<NewOrderRequest[]> {
  const body = parsed(text);
  if (!body.ok) return body;
  const node = body.value;
  return shaped(() => {
    if (node.kind !== 'array') return invalidType('', node, 'a sequence');
    return node.items.map((item, index) => readNewOrder(item, `[${index}]`));
  }, unprocessable);
}

/**
 * The close endpoints take `null` or `{cancel_orders?: bool}`; curl sends no body at all, which reads as null. They
 * document no 422, so a wrong shape is refused as an invalid request (400), like bad JSON.
 */
export function readCloseRequest(text: string): Outcome<{ cancelOrders: boolean }> {
  if (text.trim() === '') return succeed({ cancelOrders: false });
  const body = parsed(text);
  if (!body.ok) return body;
  const node = body.value;
  return shaped(() => {
    if (node.kind === 'null') return { cancelOrders: false };
    return { cancelOrders: asStruct(node, '', 'ClosePositionRequest').optionalBoolean('cancel_orders') ?? false };
  }, (message) => badRequest(message));
}
