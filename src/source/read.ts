import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { parseSource, unreadableSource } from './parse.js';
import type { SourceFile } from './types.js';

/** Files larger than this are not parsed: no manifest is this big, and parsing it would take minutes. */
export const MAX_FILE_BYTES = 32 * 1024 * 1024;

/**
 * Reads and parses one file. A file over the size limit is judged by its size alone, without
 * reading it; a file that cannot be read becomes a finding, never an exception. Reading is
 * synchronous: manifests are small and mostly in the page cache, where a promise per open, stat,
 * read and close costs more than the reads themselves.
 */
export function readSourceFile(path: string): SourceFile {
  let bytes: Buffer;
  try {
    const fd = openSync(path, 'r');
    try {
      const info = fstatSync(fd);
      if (info.size > MAX_FILE_BYTES) return tooLarge(path, info.size);
      // A pipe or device named on the command line (`<(helm template .)`, `/dev/zero`) has no size: read at most the limit.
      bytes = info.isFile() ? readFileSync(fd) : readAtMost(fd, MAX_FILE_BYTES + 1);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    // `EACCES: permission denied, open '/x/y.yaml'` → `permission denied`: the finding already names the file.
    const reason = (error as Error).message.replace(/^[A-Z]+: /, '').replace(/, \w+ '.*'$/, '');
    return unreadableSource(path, 'file-unreadable', `Cannot read this file (${code}): ${reason}`);
  }
  return decodeSource(path, bytes);
}

/** Reads stdin to its end, or until it passes the size limit (an endless stream must not fill the memory). */
export async function readStdin(path: string, stdin: NodeJS.ReadableStream = process.stdin): Promise<SourceFile> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stdin) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    chunks.push(buffer);
    total += buffer.length;
    if (total > MAX_FILE_BYTES) return tooLarge(path); // leaving the loop stops reading
  }
  return decodeSource(path, Buffer.concat(chunks));
}

function readAtMost(fd: number, limit: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  while (total < limit) {
    const buffer = Buffer.alloc(Math.min(1 << 16, limit - total));
    const bytesRead = readSync(fd, buffer, 0, buffer.length, null);
    if (bytesRead === 0) break;
    chunks.push(buffer.subarray(0, bytesRead));
    total += bytesRead;
  }
  return Buffer.concat(chunks);
}

export function decodeSource(path: string, bytes: Uint8Array): SourceFile {
  if (bytes.length > MAX_FILE_BYTES) return tooLarge(path, bytes.length);
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    // What Windows PowerShell 5 writes for `kubectl get svc -o yaml > svc.yaml`; its NUL bytes are not a sign of a binary file.
    return unreadableSource(path, 'yaml-syntax', 'This file is UTF-16 text; Kubernetes manifests must be UTF-8: save it as UTF-8 (it was not linted)');
  }
  if (bytes.subarray(0, 8192).includes(0)) {
    return unreadableSource(path, 'yaml-syntax', 'This is a binary file, not YAML; it was not linted');
  }
  let text: string;
  try {
    // The byte order mark is kept here for parseSource to note (a fix writes it back), and stripped there.
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return unreadableSource(path, 'yaml-syntax', 'This file is not valid UTF-8 text; Kubernetes manifests must be UTF-8');
  }
  return parseSource(path, text);
}

function tooLarge(path: string, bytes?: number): SourceFile {
  const size = bytes === undefined ? 'This input is' : `This file is ${(bytes / 1048576).toFixed(1)} MB,`;
  return unreadableSource(path, 'file-unreadable', `${size} over the ${MAX_FILE_BYTES / 1048576} MB limit; it was not linted`);
}
