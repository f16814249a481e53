import { execFileSync } from 'node:child_process';
import { chmod, lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, stat, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reportTargetProblem, writeReportFile } from './reportFile';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'wind-down-report-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const modeOf = async (file: string) => (await stat(file)).mode & 0o777;

describe('writeReportFile', () => {
  it('writes a new report readable and writable by its owner only', async () => {
    const file = path.join(dir, 'report.csv');
    await writeReportFile(file, 'a,b\r\n');
    expect(await readFile(file, 'utf8')).toBe('a,b\r\n');
    expect(await modeOf(file)).toBe(0o600);
    expect(await readdir(dir)).toEqual(['report.csv']);
  });

  it('replaces an existing report with a new file instead of keeping its mode', async () => {
    const file = path.join(dir, 'report.csv');
    await writeFile(file, 'old');
    await chmod(file, 0o666);
    const before = (await stat(file)).ino;
    await writeReportFile(file, 'new');
    expect(await readFile(file, 'utf8')).toBe('new');
    expect(await modeOf(file)).toBe(0o600);
    expect((await stat(file)).ino).not.toBe(before);
  });

  it('refuses a symbolic link, and leaves the link and the file it points to as they were', async () => {
    const target = path.join(dir, 'elsewhere.txt');
    const link = path.join(dir, 'report.csv');
    await writeFile(target, 'precious');
    await symlink(target, link);
    await expect(writeReportFile(link, 'report')).rejects.toThrow(`${link} is a symbolic link`);
    expect(await readFile(target, 'utf8')).toBe('precious');
    expect(await readlink(link)).toBe(target);
    expect(await readdir(dir)).toEqual(['elsewhere.txt', 'report.csv']);
  });

  it('refuses a directory and a FIFO as not regular files', async () => {
    const folder = path.join(dir, 'folder');
    const fifo = path.join(dir, 'pipe');
    await mkdir(folder);
    execFileSync('mkfifo', [fifo]);
    for (const target of [folder, fifo]) {
      await expect(writeReportFile(target, 'report')).rejects.toThrow(`${target} is not a regular file`);
    }
    expect((await lstat(fifo)).isFIFO()).toBe(true);
    expect(await readdir(folder)).toEqual([]);
  });

  it('leaves no temp file behind when the folder does not exist', async () => {
    await expect(writeReportFile(path.join(dir, 'missing', 'report.csv'), 'report')).rejects.toThrow(/ENOENT/);
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('reportTargetProblem', () => {
  it('has none for a file that does not exist yet or is a regular file', async () => {
    const file = path.join(dir, 'report.csv');
    expect(await reportTargetProblem(file)).toBeNull();
    await writeFile(file, '');
    expect(await reportTargetProblem(file)).toBeNull();
  });
});
