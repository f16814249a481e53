import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../shared/errors';

/**
 * Replaces a file whole or not at all: a temp file in the same folder (a rename is atomic only within one file system),
 * flushed to disk before it replaces the old one. `what` names the file for a person if the write fails.
 */
export async function writeFileAtomically(filePath: string, content: string, what: string): Promise<void> {
  await mkdir(path.dirname(filePath), { recursive: true, mode: 0o700 });
  const tempPath = `${filePath}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const handle = await open(tempPath, 'wx', 0o600);
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tempPath, filePath);
  } catch (error) {
    await rm(tempPath, { force: true });
    throw new AppError({ code: 'internal', message: `Closeout could not save ${what} ${filePath}: ${(error as Error).message}` });
  }
}
