import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import type { ProcRecord } from './proc.js';

/** The content of .run/stack.json. */
export interface StackFile {
  stackDir: string;
  mongoUrl: string;
  startedAt: string;
  procs: ProcRecord[];
}

export function readStackFile(file: string): StackFile | undefined {
  if (!existsSync(file)) return undefined;

  let data: Partial<StackFile> | undefined;
  try {
    data = JSON.parse(readFileSync(file, 'utf8')) as Partial<StackFile>;
  } catch {
    data = undefined;
  }

  if (!Array.isArray(data?.procs)) {
    throw new Error(`${file} is not a stack file; look at it and remove it by hand`);
  }
  return data as StackFile;
}

/** Written to a temporary file and renamed, so a reader never sees half a file. */
export function writeStackFile(file: string, data: StackFile): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;

  writeFileSync(tmp, `${JSON.stringify(data, null, 2)}\n`);
  renameSync(tmp, file);
}

export function removeStackFile(file: string): void {
  rmSync(file, { force: true });
}
