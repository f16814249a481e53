import { randomBytes } from 'node:crypto';
import { lstat, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

// A wind-down report names accounts, holders and what happened to them. Written through a link it could land in any
// file the user can write; written over an existing file in place it would keep that file's mode, readable by others.

/** Why the report cannot go to `file`, or null when `file` is a regular file or does not exist yet. */
export async function reportTargetProblem(file: string): Promise<string | null> {
  try {
    const stats = await lstat(file);
    if (stats.isSymbolicLink()) return `${file} is a symbolic link; the report is written only to a file named directly, never through a link`;
    if (!stats.isFile()) return `${file} is not a regular file`;
    return null;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? null : (error as Error).message;
  }
}

/**
 * Writes a new file readable and writable by its owner only, next to `file`, and renames it over `file`. The temp file
 * is created exclusively (never an existing file, never through a link), and a rename replaces the name itself: a link
 * put at `file` after the check is replaced, not followed.
 */
export async function writeReportFile(file: string, content: string): Promise<void> {
  const problem = await reportTargetProblem(file);
  if (problem !== null) throw new Error(problem);
  const tempPath = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(tempPath, 'wx', 0o600);
    try {
      // The umask can only take bits away from 0600, but it could take the owner's own; the report is set exactly.
      await handle.chmod(0o600);
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tempPath, file);
  } catch (error) {
    await rm(tempPath, { force: true });
    throw error;
  }
}
