import { constants, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';

export interface ReadLimit {
  maxBytes: number;
  /** What the file should be, for the refusal: "an account list". */
  what: string;
}

/**
 * The text of a regular file of at most `maxBytes`, refusing anything else before reading it: a FIFO or a device could
 * block or never end, a folder has no text, and a huge file would be read whole into memory for nothing.
 */
export async function readRegularFile(file: string, { maxBytes, what }: ReadLimit): Promise<string> {
  // Non-blocking, so opening a FIFO returns at once instead of waiting for a writer; regular files ignore the flag.
  const handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  const tooBig = (itIs: string) => new Error(`${itIs} more than the ${formatBytes(maxBytes)} ${what} may be`);
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new Error(`it is ${kindOf(stats)}, not a regular file`);
    if (stats.size > maxBytes) throw tooBig(`it is ${stats.size} bytes,`);
    // The size is only what the file system says now: a growing file, or one that reports 0 (procfs), stops one byte past the cap.
    const buffer = Buffer.alloc(maxBytes + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > maxBytes) throw tooBig('it holds');
    }
    return buffer.toString('utf8', 0, length);
  } finally {
    await handle.close();
  }
}

function formatBytes(bytes: number): string {
  const mebibytes = bytes / (1024 * 1024);
  return Number.isInteger(mebibytes) ? `${mebibytes} MB` : `${bytes} bytes`;
}

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a named pipe';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSocket()) return 'a socket';
  return 'something other than a file';
}
