import { badRequest, fail, succeed } from './errors';
import type { Outcome } from './errors';
import type { ResponseMetadata } from './types';

export const MAX_PAGE_SIZE = 1000;

export interface PageRequest {
  offset: number;
  size: number;
}

type PageMetadata = Omit<ResponseMetadata, 'request_id'>;

export interface Page<T> {
  items: T[];
  metadata: PageMetadata;
}

const TOKEN_STATE = /^(\d+):(\d+)$/;

/**
 * Tokens are opaque to clients. Their state is only digits and a colon, whose base64 never contains `+`, `/`, `-` or
 * `_`: the same text is valid base64 and base64url, as the spec's `format: byte` and its "Base64URL-encoded" both say.
 */
export function encodePageToken(page: PageRequest): string {
  return Buffer.from(`${page.offset}:${page.size}`, 'utf8').toString('base64');
}

function decodePageToken(token: string): PageRequest | null {
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(token)) return null;
  const match = TOKEN_STATE.exec(Buffer.from(token, 'base64').toString('utf8'));
  if (match === null) return null;
  const offset = Number(match[1]);
  const size = Number(match[2]);
  return size >= 1 && size <= MAX_PAGE_SIZE && Number.isSafeInteger(offset) ? { offset, size } : null;
}

/** `page_token` wins over `page_size`, as the reference says; page_size is 1..1000 and defaults to 1000. */
export function readPageRequest(query: URLSearchParams): Outcome<PageRequest> {
  const token = query.get('page_token');
  if (token !== null && token !== '') {
    const page = decodePageToken(token);
    return page === null ? fail(badRequest('Invalid page_token: it is not a token this API issued')) : succeed(page);
  }
  const sizeText = query.get('page_size');
  if (sizeText === null || sizeText === '') return succeed({ offset: 0, size: MAX_PAGE_SIZE });
  if (!/^\d+$/.test(sizeText)) return fail(badRequest(`Failed to deserialize query string: page_size: invalid digit found in string`));
  const size = Number(sizeText);
  if (size < 1 || size > MAX_PAGE_SIZE) return fail(badRequest(`page_size must be between 1 and ${MAX_PAGE_SIZE}, got ${sizeText}`));
  return succeed({ offset: 0, size });
}

export function pageOf<T>(items: readonly T[], page: PageRequest): Page<T> {
  const total = items.length;
  const slice = items.slice(page.offset, page.offset + page.size);
  const metadata: PageMetadata = {
    page_number: Math.floor(page.offset / page.size) + 1,
    total_items: total,
    total_pages: Math.ceil(total / page.size),
  };
  if (page.offset + page.size < total) metadata.next_page_token = encodePageToken({ offset: page.offset + page.size, size: page.size });
  if (page.offset > 0) metadata.previous_page_token = encodePageToken({ offset: Math.max(0, page.offset - page.size), size: page.size });
  return { items: slice, metadata };
}
