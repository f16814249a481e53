import { z } from 'zod';
import { AppError } from '../../../../shared/errors';
import { transportFailure, unreadableAnswer, type BrokerCall, type DestructiveAction } from '../brokerErrors';
import { checkShape, mapValues } from '../answerReading';
import { HttpTransportError, httpRequest, type HttpResponse } from '../http';
import { errorFromResponse, requestIdOf } from './errors';
import { envelopeSchema } from './schemas';

export const CLEAR_STREET_NAME = 'Clear Street';

/** The largest page Clear Street serves. */
const PAGE_SIZE = '1000';
/** A ceiling on pages (a million items), so a broker that keeps handing out tokens cannot keep Closeout paging forever. */
const MAX_PAGES = 1000;

export interface ClearStreetCall {
  method: 'GET' | 'POST' | 'DELETE';
  /** Path segments are encoded by the caller. */
  path: string;
  query?: Record<string, string | undefined>;
  /** JSON-encoded when present, `null` included: the close endpoints take a JSON null. */
  body?: unknown;
  /** Absent for reads. */
  action?: DestructiveAction;
  /** The sentence a 404 becomes, naming what was not found. */
  notFound: string;
  /** What a 403 means for this call, e.g. "this API key may not act on account 100001". */
  forbidden: string;
  /** Statuses handed back as answers instead of thrown, for the caller to read (a 404 that means "nothing to cancel"). */
  accept?: readonly number[];
}

export interface ClearStreetAnswer {
  response: HttpResponse;
  /** The parsed JSON body, or undefined when it is not JSON. */
  body: unknown;
  requestId: string | null;
  call: BrokerCall;
}

export interface PagedAnswer<T> {
  items: T[];
  requestId: string | null;
  call: BrokerCall;
}

export interface ClearStreetClient {
  /** Resolves with any 2xx answer (and any status the call accepts); everything else is thrown as AppError. */
  send(call: ClearStreetCall): Promise<ClearStreetAnswer>;
  /** Reads `data` out of the envelope with a schema; a shape Closeout cannot read is thrown as AppError. */
  read<S extends z.ZodType>(answer: ClearStreetAnswer, schema: S): z.output<S>;
  /**
   * Every item of a paged list, following next_page_token to the end, with the request id of the first page. Each
   * page's items also go to `onPage` as it arrives, with its answer for mapping them.
   */
  readAllPages<S extends z.ZodType>(
    call: ClearStreetCall,
    item: S,
    onPage?: (items: z.output<S>[], answer: ClearStreetAnswer) => void,
  ): Promise<PagedAnswer<z.output<S>>>;
  /** The AppError an accepted status would have been thrown as. */
  errorOf(answer: ClearStreetAnswer, call: ClearStreetCall): AppError;
}

export interface ClearStreetClientOptions {
  baseUrl: string;
  apiKey: string;
  timeoutMs: number;
}

function detailsOf(answer: ClearStreetAnswer) {
  return { httpStatus: answer.response.status, ...(answer.requestId ? { requestId: answer.requestId } : {}) };
}

function parsedBody(response: HttpResponse): unknown {
  try {
    return response.json();
  } catch {
    return undefined;
  }
}

/**
 * Bearer auth over the broker HTTP client; the API key and the Authorization header never leave this closure. What
 * Clear Street echoes of them is scrubbed where the connection registry hands the adapter out (redactingAdapter.ts).
 */
export function createClearStreetClient(options: ClearStreetClientOptions): ClearStreetClient {
  const base = options.baseUrl.replace(/\/+$/, '');
  const authorization = `Bearer ${options.apiKey}`;
  const brokerCallOf = (call: ClearStreetCall): BrokerCall => ({ broker: 'clearstreet', brokerName: CLEAR_STREET_NAME, ...(call.action ? { action: call.action } : {}) });
  const contextOf = (call: ClearStreetCall) => ({ notFound: call.notFound, forbidden: call.forbidden });

  const client: ClearStreetClient = {
    async send(call) {
      const brokerCall = brokerCallOf(call);
      let response: HttpResponse;
      try {
        response = await httpRequest({
          method: call.method,
          url: `${base}${call.path}`,
          headers: { authorization },
          ...(call.query ? { query: call.query } : {}),
          ...(call.body !== undefined ? { body: call.body } : {}),
          timeoutMs: options.timeoutMs,
          freshConnection: call.action !== undefined,
        });
      } catch (error) {
        if (error instanceof HttpTransportError) throw transportFailure(brokerCall, error);
        throw error;
      }
      const body = parsedBody(response);
      const accepted = (response.status >= 200 && response.status <= 299) || (call.accept ?? []).includes(response.status);
      if (!accepted) throw errorFromResponse(brokerCall, response, body, contextOf(call));
      return { response, body, requestId: requestIdOf(response, body) ?? null, call: brokerCall };
    },

    read(answer, schema) {
      if (answer.body === undefined) throw unreadableAnswer(answer.call, detailsOf(answer), 'the body is not JSON');
      return (checkShape(answer.call, detailsOf(answer), answer.body, envelopeSchema(schema)) as { data: z.output<typeof schema> }).data;
    },

    async readAllPages(call, item, onPage) {
      const items: z.output<typeof item>[] = [];
      const tokens = new Set<string>();
      let token: string | undefined;
      let requestId: string | null = null;
      for (let page = 0; page < MAX_PAGES; page += 1) {
        // Filters travel with every page; page_size only on the first: the token carries it after, and the spec says
        // to send page_size only with the first request.
        const paging = token === undefined ? { page_size: PAGE_SIZE } : { page_token: token };
        const answer = await client.send({ ...call, query: { ...call.query, ...paging } });
        requestId ??= answer.requestId;
        const pageItems = client.read(answer, z.array(item));
        items.push(...pageItems);
        onPage?.(pageItems, answer);
        const next = z.object({ metadata: z.object({ next_page_token: z.string().nullish() }).nullish() }).safeParse(answer.body);
        const nextToken = next.success ? next.data.metadata?.next_page_token : undefined;
        if (!nextToken) return { items, requestId, call: answer.call };
        if (tokens.has(nextToken)) throw unreadableAnswer(answer.call, detailsOf(answer), 'it handed out the same page token twice');
        tokens.add(nextToken);
        token = nextToken;
      }
      throw new AppError({ code: 'internal', broker: 'clearstreet', message: `Clear Street was still paging after ${MAX_PAGES} pages of ${PAGE_SIZE}; the list is too long to read whole.` });
    },

    errorOf(answer, call) {
      return errorFromResponse(answer.call, answer.response, answer.body, contextOf(call));
    },
  };
  return client;
}

/** Runs a mapping of a 2xx answer; a value the mapping refuses (a decimal that is not one) becomes a readable AppError. */
export function mapAnswer<T>(answer: Pick<ClearStreetAnswer, 'call' | 'requestId'>, map: () => T): T {
  return mapValues(answer.call, answer.requestId ? { requestId: answer.requestId } : {}, map);
}

export function segment(value: string): string {
  return encodeURIComponent(value);
}
