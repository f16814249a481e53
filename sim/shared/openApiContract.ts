import Ajv2020 from 'ajv/dist/2020';
import type { ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { RecordedRequest } from './recording';

// Checks requests a simulator recorded, and answers it sent, against an OpenAPI description: the vendor's own where
// there is one (Clear Street), or one written in the project from the vendor's reference (Alpaca). Only what the
// brokers' descriptions use is read: path templates, path and query parameters, JSON bodies and JSON answers.

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface ParameterObject {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Record<string, unknown>;
  style?: string;
  explode?: boolean;
}

interface MediaObject {
  schema?: unknown;
}

export interface OperationObject {
  parameters?: ParameterObject[];
  requestBody?: { required?: boolean; content?: Record<string, MediaObject> };
  responses: Record<string, { content?: Record<string, MediaObject> }>;
}

export type PathItem = Partial<Record<HttpMethod, OperationObject>> & { parameters?: ParameterObject[] };

export interface OpenApiDocument {
  paths: Record<string, PathItem>;
  components?: Record<string, unknown>;
}

/** A request matched to the operation that describes it. */
export interface MatchedOperation {
  template: string;
  method: HttpMethod;
  operation: OperationObject;
}

/** A JSON pointer into the document, each segment escaped as RFC 6901 asks and percent-encoded for a URI fragment. */
export function pointer(...segments: string[]): string {
  return segments.map((segment) => encodeURIComponent(segment.replace(/~/g, '~0').replace(/\//g, '~1'))).join('/');
}

function literalSegments(template: string): number {
  return template.split('/').filter((segment) => !segment.startsWith('{')).length;
}

function matches(template: string, path: string): Record<string, string> | null {
  const wanted = template.split('/');
  const given = path.split('/');
  if (wanted.length !== given.length) return null;
  const params: Record<string, string> = {};
  for (const [index, segment] of wanted.entries()) {
    const actual = given[index] ?? '';
    const name = /^\{(.+)\}$/.exec(segment)?.[1];
    if (name === undefined) {
      if (segment !== actual) return null;
    } else {
      if (actual === '') return null;
      params[name] = decodeURIComponent(actual);
    }
  }
  return params;
}

/** Query and path values arrive as text: read as the parameter's schema types them before validating. */
function typedValue(text: string, schema: Record<string, unknown>, explode: boolean): unknown {
  const type = schema.type;
  const types = Array.isArray(type) ? type : [type];
  if (types.includes('array')) return explode ? [text] : text.split(',');
  if ((types.includes('integer') || types.includes('number')) && /^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (types.includes('boolean') && (text === 'true' || text === 'false')) return text === 'true';
  return text;
}

export interface OpenApiContract {
  readonly document: OpenApiDocument;
  /** The operation a request path and method fall under; a literal segment beats a template parameter. */
  operationFor(method: string, path: string): (MatchedOperation & { pathParams: Record<string, string> }) | null;
  /** Everything about a recorded request the description does not allow, one sentence each; empty when it honours it. */
  requestProblems(request: RecordedRequest): string[];
  /** What of a JSON answer its operation's schema for that status does not allow; empty when it does. */
  responseProblems(matched: MatchedOperation, status: number, body: unknown): string[];
  /** A validator for the schema at a JSON pointer into the document, given as its segments. */
  validatorAt(...segments: string[]): ValidateFunction;
  /** A validator for a named schema in components.schemas. */
  schemaNamed(name: string): ValidateFunction;
  errorsText(validate: ValidateFunction): string;
}

export function createOpenApiContract(document: OpenApiDocument, id: string): OpenApiContract {
  // Descriptions carry OpenAPI-only keywords (example) and formats such as int64: annotations, not rules.
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(document, id);
  const compiled = new Map<string, ValidateFunction>();
  const at = (...segments: string[]): ValidateFunction => {
    const ref = `${id}#/${pointer(...segments)}`;
    let validate = compiled.get(ref);
    if (validate === undefined) {
      validate = ajv.compile({ $ref: ref });
      compiled.set(ref, validate);
    }
    return validate;
  };
  const errorsText = (validate: ValidateFunction): string => ajv.errorsText(validate.errors);
  /** A parameter schema that is only a local $ref (Clear Street's account ids are `$ref: i64`), followed to what it names. */
  const resolved = (schema: Record<string, unknown>): Record<string, unknown> => {
    const ref = schema.$ref;
    if (typeof ref !== 'string' || !ref.startsWith('#/')) return schema;
    let target: unknown = document;
    for (const segment of ref.slice(2).split('/')) target = (target as Record<string, unknown> | undefined)?.[segment.replace(/~1/g, '/').replace(/~0/g, '~')];
    return typeof target === 'object' && target !== null ? resolved(target as Record<string, unknown>) : schema;
  };

  const operationFor: OpenApiContract['operationFor'] = (method, path) => {
    const lower = method.toLowerCase() as HttpMethod;
    const candidates = Object.entries(document.paths)
      .filter(([, item]) => item[lower] !== undefined)
      .map(([template]) => ({ template, pathParams: matches(template, path) }))
      .filter((candidate): candidate is { template: string; pathParams: Record<string, string> } => candidate.pathParams !== null)
      .sort((a, b) => literalSegments(b.template) - literalSegments(a.template));
    const best = candidates[0];
    const operation = best === undefined ? undefined : document.paths[best.template]?.[lower];
    return best === undefined || operation === undefined ? null : { ...best, method: lower, operation };
  };

  /** Operation-level parameters override path-level ones of the same name and place, with the pointer to their schema. */
  const parametersOf = (matched: MatchedOperation): { parameter: ParameterObject; schemaAt: string[] }[] => {
    const item = document.paths[matched.template] ?? {};
    const own = (matched.operation.parameters ?? []).map((parameter, index) => ({
      parameter, schemaAt: ['paths', matched.template, matched.method, 'parameters', String(index), 'schema'],
    }));
    const shared = (item.parameters ?? [])
      .map((parameter, index) => ({ parameter, schemaAt: ['paths', matched.template, 'parameters', String(index), 'schema'] }))
      .filter(({ parameter }) => !own.some((candidate) => candidate.parameter.name === parameter.name && candidate.parameter.in === parameter.in));
    return [...own, ...shared];
  };

  const requestProblems: OpenApiContract['requestProblems'] = (request) => {
    const where = `${request.method} ${request.path}`;
    const matched = operationFor(request.method, request.path);
    if (matched === null) return [`${where}: no operation in the description`];
    const problems: string[] = [];
    const parameters = parametersOf(matched);
    const check = (name: string, place: 'path' | 'query', text: string): void => {
      const declared = parameters.find(({ parameter }) => parameter.name === name && parameter.in === place);
      if (declared === undefined) {
        problems.push(`${where}: ${place} parameter ${name} is not declared for ${matched.method.toUpperCase()} ${matched.template}`);
        return;
      }
      const schema = resolved(declared.parameter.schema ?? {});
      const validate = at(...declared.schemaAt);
      if (!validate(typedValue(text, schema, declared.parameter.explode ?? place === 'query'))) {
        problems.push(`${where}: ${place} parameter ${name}=${JSON.stringify(text)} ${errorsText(validate)}`);
      }
    };
    for (const [name, text] of Object.entries(matched.pathParams)) check(name, 'path', text);
    for (const [name, text] of Object.entries(request.query)) check(name, 'query', text);
    for (const { parameter } of parameters) {
      if (parameter.required && parameter.in === 'query' && request.query[parameter.name] === undefined) {
        problems.push(`${where}: required query parameter ${parameter.name} is missing`);
      }
    }

    const requestBody = matched.operation.requestBody;
    // The recording cannot tell an empty body from a JSON null: either is fine where a body is optional.
    const sentBody = request.body !== null;
    if (requestBody === undefined) {
      if (sentBody) problems.push(`${where}: sends a body the operation does not take`);
    } else if (sentBody || requestBody.required) {
      const contentType = request.headers['content-type'] ?? '';
      if (sentBody && !contentType.toLowerCase().startsWith('application/json')) problems.push(`${where}: a JSON body sent as ${JSON.stringify(contentType)}`);
      if (requestBody.content?.['application/json'] === undefined) {
        problems.push(`${where}: the operation takes no JSON body`);
      } else {
        const validate = at('paths', matched.template, matched.method, 'requestBody', 'content', 'application/json', 'schema');
        if (!validate(request.body)) problems.push(`${where}: body ${errorsText(validate)}`);
      }
    }
    return problems;
  };

  const responseProblems: OpenApiContract['responseProblems'] = (matched, status, body) => {
    const where = `${matched.method.toUpperCase()} ${matched.template} ${status}`;
    const response = matched.operation.responses[String(status)];
    if (response === undefined) return [`${where}: the status is not declared`];
    if (response.content?.['application/json'] === undefined) return body === undefined ? [] : [`${where}: declares no JSON body`];
    const validate = at('paths', matched.template, matched.method, 'responses', String(status), 'content', 'application/json', 'schema');
    return validate(body) ? [] : [`${where}: ${errorsText(validate)}`];
  };

  return {
    document,
    operationFor,
    requestProblems,
    responseProblems,
    validatorAt: at,
    schemaNamed: (name) => at('components', 'schemas', name),
    errorsText,
  };
}
