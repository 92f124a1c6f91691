import { readFile } from 'node:fs/promises';
import { parseSource, unreadableSource } from './parse.js';
import type { SourceFile } from './types.js';

/** Files larger than this are not parsed: no manifest is this big, and parsing it would take minutes. */
export const MAX_FILE_BYTES = 32 * 1024 * 1024;

export async function readSourceFile(path: string): Promise<SourceFile> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return unreadableSource(path, 'file-unreadable', `Cannot read this file (${code}): ${(error as Error).message}`);
  }
  return decodeSource(path, bytes);
}

export async function readStdin(path: string, stdin: NodeJS.ReadableStream = process.stdin): Promise<SourceFile> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return decodeSource(path, Buffer.concat(chunks));
}

export function decodeSource(path: string, bytes: Uint8Array): SourceFile {
  if (bytes.length > MAX_FILE_BYTES) {
    return unreadableSource(
      path,
      'file-unreadable',
      `This file is ${(bytes.length / 1048576).toFixed(1)} MB, over the ${MAX_FILE_BYTES / 1048576} MB limit; it was not linted`,
    );
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    // What Windows PowerShell 5 writes for `kubectl get svc -o yaml > svc.yaml`; its NUL bytes are not a sign of a binary file.
    return unreadableSource(path, 'yaml-syntax', 'This file is UTF-16 text; Kubernetes manifests must be UTF-8: save it as UTF-8 (it was not linted)');
  }
  if (bytes.subarray(0, 8192).includes(0)) {
    return unreadableSource(path, 'yaml-syntax', 'This is a binary file, not YAML; it was not linted');
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return unreadableSource(path, 'yaml-syntax', 'This file is not valid UTF-8 text; Kubernetes manifests must be UTF-8');
  }
  return parseSource(path, text);
}
