import { open } from 'node:fs/promises';

const NEWLINE = 0x0a;

/**
 * The file's lines, last first, read backwards a chunk at a time: the Activity view wants the newest records of a
 * log that only grows, and should not read months of it to show today's. Lines are split on the newline byte, which
 * never occurs inside a multi-byte UTF-8 character, so a chunk boundary cannot break one. A missing file has no lines.
 */
export async function* linesFromEnd(filePath: string, chunkBytes = 64 * 1024): AsyncGenerator<string> {
  let handle;
  try {
    handle = await open(filePath, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  try {
    let position = (await handle.stat()).size;
    // Bytes after the last newline seen so far: the end of a line whose start is in an earlier chunk.
    let carry = Buffer.alloc(0);
    while (position > 0) {
      const size = Math.min(chunkBytes, position);
      position -= size;
      const chunk = Buffer.alloc(size);
      await handle.read(chunk, 0, size, position);
      let text = Buffer.concat([chunk, carry]);
      let cut = text.lastIndexOf(NEWLINE);
      while (cut >= 0) {
        const line = text.subarray(cut + 1);
        if (line.length > 0) yield line.toString('utf8');
        text = text.subarray(0, cut);
        cut = text.lastIndexOf(NEWLINE);
      }
      carry = Buffer.from(text);
    }
    if (carry.length > 0) yield carry.toString('utf8');
  } finally {
    await handle.close();
  }
}
