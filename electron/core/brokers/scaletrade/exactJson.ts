import { parse } from 'lossless-json';

/**
 * Parses a ScaleTrade answer with every JSON number kept as its source text ("1.10100", "2425", "1e-7"), so prices,
 * profits and volumes never pass through a binary float. Strings stay strings; the mapping reads both the same way.
 */
export function parseExactJson(text: string): unknown {
  return parse(text, null, (digits) => digits);
}
