import { closeSync, constants, fstatSync, openSync, readdirSync, readFileSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import { relative, resolve } from 'node:path';
import { isOutside } from '../util/paths.js';
import { parseSource, unreadableSource } from './parse.js';
import type { SourceFile } from './types.js';

/** Files larger than this are not parsed: no manifest is this big, and parsing it would take minutes. */
export const MAX_FILE_BYTES = 32 * 1024 * 1024;

/**
 * Reads and parses one file. A file over the size limit is judged by its size alone, without
 * reading it; a FIFO, device or socket is a finding without being opened; a file that cannot be read
 * becomes a finding, never an exception. Its fingerprint is kept for `--fix` (fingerprintWhenRead). Reading is
 * synchronous: manifests are small and mostly in the page cache, where a promise per open, stat,
 * read and close costs more than the reads themselves.
 */
export function readSourceFile(path: string): SourceFile {
  let bytes: Buffer;
  try {
    // A FIFO or device in the tree is not opened: opening a FIFO blocks until someone writes to it.
    // What the shell hands over for `<(helm template .)` is a pipe that has a writer: read at most the limit.
    const before = statSync(path);
    if (before.isDirectory()) return unlistedFolder(path);
    if (!before.isFile() && !isProcessSubstitution(path)) return unreadableSource(path, 'file-unreadable', `This is ${fileKind(before)}, not a regular file; it was not read`);
    const fd = openSync(path, constants.O_RDONLY | (before.isFile() ? constants.O_NONBLOCK : 0));
    try {
      const info = fstatSync(fd);
      if (info.size > MAX_FILE_BYTES) return tooLarge(path, info.size);
      bytes = info.isFile() ? readFileSync(fd) : readAtMost(fd, MAX_FILE_BYTES + 1);
      if (info.isFile()) fingerprints.set(path, fingerprint(info));
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return unreadableSource(path, 'file-unreadable', `Cannot read this file (${code}): ${errorReason(error)}`);
  }
  return decodeSource(path, bytes);
}

/** A folder among the files to read is one the walk could not list (discoverFiles): its files were not linted. */
function unlistedFolder(path: string): SourceFile {
  try {
    readdirSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return unreadableSource(path, 'file-unreadable', `Cannot read this folder (${code}): ${errorReason(error)}; the files in it were not linted`);
  }
  return unreadableSource(path, 'file-unreadable', 'This is a folder, not a regular file; it was not read');
}

/** What identifies the version of a file that was read: a fix is written only over that version. */
export interface Fingerprint {
  readonly dev: number;
  readonly ino: number;
  readonly size: number;
  readonly mtimeMs: number;
  readonly ctimeMs: number;
}

const fingerprints = new Map<string, Fingerprint>();

export function fingerprint(info: Stats): Fingerprint {
  return { dev: info.dev, ino: info.ino, size: info.size, mtimeMs: info.mtimeMs, ctimeMs: info.ctimeMs };
}

/** The fingerprint of the file at `path` when this process last read it as a manifest. */
export function fingerprintWhenRead(path: string): Fingerprint | undefined {
  return fingerprints.get(path);
}

/** `EACCES: permission denied, open '/x/y.yaml'` → `permission denied` (the message names the file already). */
export function errorReason(error: unknown): string {
  const message = (error as Error)?.message ?? String(error);
  const colon = message.indexOf(': ');
  const start = colon > 0 && /^[A-Z]+$/.test(message.slice(0, colon)) ? colon + 2 : 0;
  const comma = message.lastIndexOf(', ');
  return message.slice(start, comma > start && /^, \w+ '/.test(message.slice(comma)) ? comma : undefined);
}

/** `/dev/fd/63`: a descriptor the shell opened for `<(command)`, not a file of the input. */
function isProcessSubstitution(path: string): boolean {
  return /^\/(dev|proc\/self)\/fd\/\d+$/.test(path);
}

/** What a file that is not a regular file is, in words. */
function fileKind(info: Stats): string {
  if (info.isFIFO()) return 'a named pipe (FIFO)';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  if (info.isSocket()) return 'a socket';
  if (info.isDirectory()) return 'a folder';
  return 'a special file';
}

/** A small file the tool reads for itself (config, kustomization): its text, or why it was not read. */
export type SmallFile =
  | { readonly text: string; readonly reason?: undefined }
  /** `code` when reading failed (EACCES...), as opposed to a file refused for what it is. */
  | { readonly text?: undefined; readonly reason: string; readonly code?: string };

/** Config and kustomization files larger than this are not read. */
const MAX_SMALL_FILE_BYTES = 1024 * 1024;

/**
 * Reads a config or kustomization file, which a repository may plant to read something else: its real
 * path (symbolic links resolved) must lie inside one of `roots`, it must be a regular file (checked
 * before it is opened, and again on the open descriptor), within the size limit and UTF-8. The reason
 * never quotes the content.
 */
export function readSmallFile(path: string, roots: readonly string[], maxBytes = MAX_SMALL_FILE_BYTES): SmallFile {
  try {
    const real = realpathSync(path);
    const inside = roots.some((root) => !isOutside(relative(realpathOr(root), real)));
    if (!inside) return { reason: 'it is a symbolic link to a file outside the folders being linted' };
    const before = statSync(real);
    if (!before.isFile()) return { reason: `it is ${fileKind(before)}, not a regular file` };
    const fd = openSync(real, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const info = fstatSync(fd);
      if (!info.isFile()) return { reason: `it is ${fileKind(info)}, not a regular file` };
      if (info.size > maxBytes) return { reason: `it is ${(info.size / 1024).toFixed(0)} KB, over the ${maxBytes / 1024} KB limit` };
      const bytes = readAtMost(fd, maxBytes + 1);
      if (bytes.length > maxBytes) return { reason: `it is over the ${maxBytes / 1024} KB limit` };
      return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    if (error instanceof TypeError) return { reason: 'it is not valid UTF-8 text' };
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return { reason: 'it is a symbolic link loop' };
    return code === undefined ? { reason: errorReason(error) } : { reason: code, code };
  }
}

function realpathOr(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/** Reads stdin to its end, or until it passes the size limit (an endless stream must not fill the memory). */
export async function readStdin(path: string, stdin: NodeJS.ReadableStream = process.stdin): Promise<SourceFile> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stdin) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
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
