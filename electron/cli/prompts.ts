import { createInterface } from 'node:readline';
import { printable } from './table';

/** A terminal's keyboard: a readable stream that can switch echo off (process.stdin when it is a TTY). */
export interface KeyboardInput extends NodeJS.ReadableStream {
  isTTY?: boolean;
  isRaw?: boolean;
  setRawMode(mode: boolean): unknown;
}

export interface Terminal {
  input: KeyboardInput;
  /** Where questions go: stderr, so stdout carries only the result. */
  output: NodeJS.WritableStream;
}

// Questions quote broker text (account numbers and names): both ask functions make them printable, so no caller can forget.

// Arrow keys and other escape sequences arrive as ESC [ ... letter; they are not part of a secret.
// eslint-disable-next-line no-control-regex -- matching the ESC byte is the point
const ESCAPE_SEQUENCE = /\u001b\[[0-9;]*[A-Za-z~]/g;
const CTRL_C = '\u0003';
const CTRL_D = '\u0004';

/** Everything piped to stdin, minus the one newline that `echo` or a here-string adds. */
export async function readPiped(input: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return dropOneTrailingNewline(Buffer.concat(chunks).toString('utf8'));
}

export function dropOneTrailingNewline(text: string): string {
  if (text.endsWith('\r\n')) return text.slice(0, -2);
  if (text.endsWith('\n')) return text.slice(0, -1);
  return text;
}

/** Asks with echo off and returns what was typed, or null when the person pressed Ctrl-C or closed the input. */
export function askHidden(terminal: Terminal, question: string): Promise<string | null> {
  const { input, output } = terminal;
  return new Promise((resolve) => {
    const wasRaw = input.isRaw === true;
    let typed: string[] = [];

    const finish = (answer: string | null) => {
      input.removeListener('data', onData);
      input.removeListener('end', onEnd);
      input.setRawMode(wasRaw);
      input.pause();
      output.write('\n');
      resolve(answer);
    };
    const onData = (chunk: string | Buffer) => {
      for (const char of String(chunk).replace(ESCAPE_SEQUENCE, '')) {
        if (char === '\r' || char === '\n') return finish(typed.join(''));
        if (char === CTRL_C || (char === CTRL_D && typed.length === 0)) return finish(null);
        if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
        else if (char >= ' ') typed.push(char);
      }
    };
    const onEnd = () => finish(null);

    output.write(printable(question));
    input.setRawMode(true);
    input.setEncoding('utf8');
    input.on('data', onData);
    input.on('end', onEnd);
    input.resume();
  });
}

/** Asks for one line with echo on and returns it trimmed, or null when the person pressed Ctrl-C or closed the input. */
export function askLine(terminal: Terminal, question: string): Promise<string | null> {
  return new Promise((resolve) => {
    const lines = createInterface({ input: terminal.input, output: terminal.output, terminal: terminal.input.isTTY === true });
    let answered = false;
    lines.on('SIGINT', () => lines.close());
    lines.on('close', () => {
      if (!answered) {
        terminal.output.write('\n');
        resolve(null);
      }
    });
    lines.question(printable(question), (answer) => {
      answered = true;
      lines.close();
      resolve(answer.trim());
    });
  });
}
