import { PassThrough, Writable } from 'node:stream';
import type { KeyboardInput } from './prompts';

/** Collects what a command writes, for tests. */
export class CapturedOutput extends Writable {
  text = '';

  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.text += String(chunk);
    done();
  }
}

/** A keyboard for tests: a TTY-like stream whose raw mode is recorded and whose keys the test types. */
export class FakeKeyboard extends PassThrough implements KeyboardInput {
  readonly isTTY = true;
  isRaw = false;
  readonly rawModes: boolean[] = [];

  setRawMode(mode: boolean): this {
    this.isRaw = mode;
    this.rawModes.push(mode);
    return this;
  }

  /** Types the keys once the prompt is listening, as a person would after reading the question. */
  typeSoon(keys: string): void {
    setImmediate(() => this.write(keys));
  }
}
