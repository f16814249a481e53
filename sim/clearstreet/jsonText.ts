/**
 * A JSON reader that keeps where each value ends, so the simulator can word a bad body the way Clear Street's Rust
 * server (serde_json) does: "expected `:` at line 2 column 19". Columns count the characters read on the line, the
 * offending one included; at the end of the text, every character of the last line.
 */

export interface TextPosition {
  line: number;
  column: number;
}

interface NodeBase {
  /** Where the value's last character is. */
  end: TextPosition;
}

export type JsonNode = NodeBase &
  (
    | { kind: 'null' }
    | { kind: 'boolean'; value: boolean }
    | { kind: 'number'; text: string }
    | { kind: 'string'; value: string }
    | { kind: 'array'; items: JsonNode[] }
    | { kind: 'object'; entries: Array<[string, JsonNode]> }
  );

export type JsonReadResult = { ok: true; node: JsonNode } | { ok: false; message: string };

class JsonSyntaxError extends Error {}

export function positionAfter(text: string, consumed: number): TextPosition {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < consumed && i < text.length; i += 1) {
    if (text[i] === '\n') {
      line += 1;
      lineStart = i + 1;
    }
  }
  return { line, column: Math.min(consumed, text.length) - lineStart };
}

export function describePosition(position: TextPosition): string {
  return `at line ${position.line} column ${position.column}`;
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/;
const ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** Reads one JSON document; the message of a failure is serde_json's wording with its position. */
export function readJson(text: string): JsonReadResult {
  let index = 0;

  const failAt = (consumed: number, message: string): never => {
    throw new JsonSyntaxError(`${message} ${describePosition(positionAfter(text, consumed))}`);
  };
  // The offending character counts as read; at the end of the text there is none to count.
  const failHere = (message: string): never => failAt(index + 1, message);
  const eof = (what: string): never => failAt(text.length, `EOF while parsing ${what}`);
  const endHere = (): TextPosition => positionAfter(text, index);

  const skipWhitespace = (): void => {
    while (index < text.length && WHITESPACE.has(text[index] as string)) index += 1;
  };

  const readString = (): string => {
    index += 1;
    let value = '';
    for (;;) {
      if (index >= text.length) eof('a string');
      const char = text[index] as string;
      if (char === '"') {
        index += 1;
        return value;
      }
      if (char === '\\') {
        index += 1;
        if (index >= text.length) eof('a string');
        const escape = text[index] as string;
        if (escape === 'u') {
          const hex = text.slice(index + 1, index + 5);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) failHere('invalid escape');
          value += String.fromCharCode(parseInt(hex, 16));
          index += 5;
          continue;
        }
        const replacement = ESCAPES[escape];
        if (replacement === undefined) failHere('invalid escape');
        value += replacement;
        index += 1;
        continue;
      }
      if (char.charCodeAt(0) < 0x20) failHere('control character (\\u0000-\\u001F) found while parsing a string');
      value += char;
      index += 1;
    }
  };

  const readLiteral = (word: string): void => {
    for (const expected of word) {
      if (index >= text.length) eof('a value');
      if (text[index] !== expected) failHere('expected ident');
      index += 1;
    }
  };

  const readValue = (): JsonNode => {
    skipWhitespace();
    if (index >= text.length) eof('a value');
    const char = text[index] as string;
    if (char === '{') return readObject();
    if (char === '[') return readArray();
    if (char === '"') {
      const value = readString();
      return { kind: 'string', value, end: endHere() };
    }
    if (char === 't' || char === 'f') {
      const value = char === 't';
      readLiteral(value ? 'true' : 'false');
      return { kind: 'boolean', value, end: endHere() };
    }
    if (char === 'n') {
      readLiteral('null');
      return { kind: 'null', end: endHere() };
    }
    if (char === '-' || (char >= '0' && char <= '9')) {
      const match = NUMBER.exec(text.slice(index));
      if (match === null) return failHere('invalid number');
      const number = match[0];
      index += number.length;
      return { kind: 'number', text: number, end: endHere() };
    }
    return failHere('expected value');
  };

  const readArray = (): JsonNode => {
    index += 1;
    const items: JsonNode[] = [];
    skipWhitespace();
    if (index >= text.length) eof('a list');
    if (text[index] === ']') {
      index += 1;
      return { kind: 'array', items, end: endHere() };
    }
    for (;;) {
      items.push(readValue());
      skipWhitespace();
      if (index >= text.length) eof('a list');
      const char = text[index];
      index += 1;
      if (char === ']') return { kind: 'array', items, end: endHere() };
      if (char !== ',') failAt(index, 'expected `,` or `]`');
      skipWhitespace();
      if (text[index] === ']') failHere('trailing comma');
    }
  };

  const readObject = (): JsonNode => {
    index += 1;
    const entries: Array<[string, JsonNode]> = [];
    skipWhitespace();
    if (text[index] === '}') {
      index += 1;
      return { kind: 'object', entries, end: endHere() };
    }
    for (;;) {
      skipWhitespace();
      if (index >= text.length) eof('an object');
      if (text[index] !== '"') failHere('key must be a string');
      const key = readString();
      skipWhitespace();
      if (index >= text.length) eof('an object');
      if (text[index] !== ':') failHere('expected `:`');
      index += 1;
      entries.push([key, readValue()]);
      skipWhitespace();
      if (index >= text.length) eof('an object');
      const char = text[index];
      index += 1;
      if (char === '}') return { kind: 'object', entries, end: endHere() };
      if (char !== ',') failAt(index, 'expected `,` or `}`');
      skipWhitespace();
      if (text[index] === '}') failHere('trailing comma');
    }
  };

  try {
    const node = readValue();
    skipWhitespace();
    if (index < text.length) failHere('trailing characters');
    return { ok: true, node };
  } catch (error) {
    if (error instanceof JsonSyntaxError) return { ok: false, message: error.message };
    throw error;
  }
}

/** How serde names a value it did not expect: integer `25`, string "abc", a map, a sequence. */
export function describeUnexpected(node: JsonNode): string {
  switch (node.kind) {
    case 'null':
      return 'null';
    case 'boolean':
      return `boolean \`${String(node.value)}\``;
    case 'number':
      return /[.eE]/.test(node.text) ? `floating point \`${node.text}\`` : `integer \`${node.text}\``;
    case 'string':
      return `string ${JSON.stringify(node.value)}`;
    case 'array':
      return 'sequence';
    case 'object':
      return 'map';
  }
}
