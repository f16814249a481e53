import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CapturedOutput, FakeKeyboard } from './fakeStreams.testkit';
import { askHidden, askLine, dropOneTrailingNewline, readPiped } from './prompts';

describe('readPiped', () => {
  it('reads all of stdin and drops exactly one trailing newline', async () => {
    expect(await readPiped(Readable.from([Buffer.from('s3cr'), Buffer.from('et\n\n')]))).toBe('s3cret\n');
  });

  it('keeps spaces and drops a Windows line ending', () => {
    expect(dropOneTrailingNewline(' pass word \r\n')).toBe(' pass word ');
    expect(dropOneTrailingNewline('no newline')).toBe('no newline');
  });
});

describe('askHidden', () => {
  it('returns what was typed without echoing it, honouring backspace and ignoring arrow keys', async () => {
    const input = new FakeKeyboard();
    const output = new CapturedOutput();
    input.typeSoon('hunx\u007fter\u001b[D2\r');
    const answer = await askHidden({ input, output }, 'Secret for n: ');
    expect(answer).toBe('hunter2');
    expect(output.text).toBe('Secret for n: \n');
  });

  it('turns echo off while asking and back on after', async () => {
    const input = new FakeKeyboard();
    input.typeSoon('x\n');
    await askHidden({ input, output: new CapturedOutput() }, '? ');
    expect(input.rawModes).toEqual([true, false]);
  });

  it('returns null on Ctrl-C', async () => {
    const input = new FakeKeyboard();
    input.typeSoon('abc\u0003');
    expect(await askHidden({ input, output: new CapturedOutput() }, '? ')).toBeNull();
  });
});

describe('askLine', () => {
  it('returns the typed line trimmed', async () => {
    const input = new FakeKeyboard();
    const output = new CapturedOutput();
    input.typeSoon(' yes \r');
    expect(await askLine({ input, output }, 'Type yes to confirm: ')).toBe('yes');
    expect(output.text).toContain('Type yes to confirm: ');
  });

  it('blanks control characters and bidirectional overrides in the question, which quotes broker text', async () => {
    const input = new FakeKeyboard();
    const output = new CapturedOutput();
    input.typeSoon('N1\r');
    await askLine({ input, output }, 'Type the account number (N\u202e1\u001b[2J) to confirm: ');
    expect(output.text).toContain('Type the account number (N 1 [2J) to confirm: ');
    const hidden = new FakeKeyboard();
    const hiddenOutput = new CapturedOutput();
    hidden.typeSoon('s\r');
    await askHidden({ input: hidden, output: hiddenOutput }, 'Secret for \u2066n\u2069: ');
    expect(hiddenOutput.text).toBe('Secret for  n : \n');
  });

  it('returns null when the input ends before an answer', async () => {
    const input = new FakeKeyboard();
    setImmediate(() => input.end());
    expect(await askLine({ input, output: new CapturedOutput() }, '? ')).toBeNull();
  });
});
