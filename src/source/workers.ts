import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { deserialize } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { restoreSource, type SourceParts } from './parse.js';
import { readSourceFile, rememberFingerprint, type Fingerprint } from './read.js';
import type { SourceFile } from './types.js';

/** What the worker is started with. */
export interface WorkerInput {
  readonly paths: readonly string[];
  /** One Int32: the next chunk to take, shared by both threads. */
  readonly counter: SharedArrayBuffer;
  readonly chunkSize: number;
}

/** A file the worker read, as plain data. */
export interface ChunkFile {
  readonly parts: SourceParts;
  readonly fingerprint: Fingerprint | undefined;
}

/**
 * What the worker posts for each chunk it took: v8.serialize of its files (ChunkFile, or undefined
 * for a file the main thread is to read), or no data when the whole chunk is left to the main thread.
 */
export interface ChunkMessage {
  readonly chunk: number;
  readonly data?: ArrayBuffer;
}

/** The worker's bundle, next to this module's build (dist/src/source/), and next to the CLI bundle's folder too. */
const WORKER_BUNDLE = fileURLToPath(new URL('../source/parse-worker.cjs', import.meta.url));

/** Files per chunk: small enough that the thread finishing last waits little for the other. */
const CHUNK_SIZE = 16;

/** Below this many files one thread reads them all: starting the worker costs more than it saves. */
const MIN_FILES_FOR_WORKER = 400;

/**
 * The full parser recurses once per level of nesting, and the two threads' stacks differ (a worker's is
 * larger): a file that may nest this deep is left to the main thread, whose stack gives out (a
 * finding) from about 1,200 levels. The fast reader reads no more than 128 levels.
 */
const MAX_NESTING_FOR_WORKER = 500;

/** Set to `1`, files are read on one thread whatever their number. */
const ONE_THREAD_ENV = 'K8S_SVC_LINT_THREADS';

export interface ReadOptions {
  /** The worker's script (default: the bundle built beside this module; without it, one thread reads all). */
  readonly workerScript?: string;
  readonly minFiles?: number;
  /** Whether this thread reads too (default); without, the worker reads every file it can. */
  readonly readHere?: boolean;
  /** Called with how many of the files the worker read. */
  readonly onRead?: (stats: ReadStats) => void;
}

export interface ReadStats {
  readonly files: number;
  readonly workerStarted: boolean;
  readonly byWorker: number;
}

/**
 * Reads and parses files as readSourceFile does, in the same order. Above MIN_FILES_FOR_WORKER files,
 * a worker thread takes part: both threads take chunks of the list from a shared counter, so the
 * worker helps from when it has started, and never holds the main thread up by more than a chunk.
 * The worker's files come back as plain data and are rebuilt here into the SourceFiles this thread
 * would have made. A chunk or a file the worker does not deliver (it failed, or died) is read here.
 */
export async function readSourceFiles(paths: readonly string[], options: ReadOptions = {}): Promise<SourceFile[]> {
  const script = options.workerScript ?? WORKER_BUNDLE;
  const oneThread = () => {
    options.onRead?.({ files: paths.length, workerStarted: false, byWorker: 0 });
    return paths.map(readSourceFile);
  };
  if (paths.length < (options.minFiles ?? MIN_FILES_FOR_WORKER) || !twoThreadsWanted() || !existsSync(script)) return oneThread();
  const counter = new SharedArrayBuffer(4);
  let worker: Worker;
  try {
    worker = new Worker(script, { workerData: { paths, counter, chunkSize: CHUNK_SIZE } satisfies WorkerInput });
  } catch {
    return oneThread();
  }
  const messages = new Map<number, ChunkMessage>();
  let expected = Infinity;
  const finished = new Promise<void>((resolve) => {
    worker.on('message', (message: ChunkMessage) => {
      messages.set(message.chunk, message);
      if (messages.size >= expected) resolve();
    });
    worker.on('error', () => {}); // its chunks are read here
    worker.on('exit', () => resolve());
  });

  const files = new Array<SourceFile>(paths.length);
  const mine = new Set<number>();
  for (const chunk of options.readHere === false ? [] : claimChunks(counter, paths.length, CHUNK_SIZE)) {
    mine.add(chunk);
    for (const i of chunkIndexes(chunk, paths.length)) files[i] = readSourceFile(paths[i]!);
  }
  const chunks = Math.ceil(paths.length / CHUNK_SIZE);
  expected = options.readHere === false ? chunks : chunks - mine.size;
  // Messages arrive only now that this thread waits: those that came while it read are all here at once.
  if (messages.size < expected) await finished;
  void worker.terminate();

  let byWorker = 0;
  for (let chunk = 0; chunk < chunks; chunk++) {
    if (mine.has(chunk)) continue;
    const delivered = decode(messages.get(chunk));
    for (const i of chunkIndexes(chunk, paths.length)) {
      const file = delivered[i - chunk * CHUNK_SIZE];
      if (file === undefined) {
        files[i] = readSourceFile(paths[i]!);
        continue;
      }
      if (file.fingerprint) rememberFingerprint(paths[i]!, file.fingerprint);
      files[i] = restoreSource(file.parts);
      byWorker++;
    }
  }
  options.onRead?.({ files: paths.length, workerStarted: true, byWorker });
  return files;
}

/** Two threads pay only with a second core, and can be turned off (K8S_SVC_LINT_THREADS=1). */
function twoThreadsWanted(): boolean {
  return process.env[ONE_THREAD_ENV] !== '1' && availableParallelism() > 1;
}

function* chunkIndexes(chunk: number, length: number): Generator<number> {
  for (let i = chunk * CHUNK_SIZE; i < Math.min(length, (chunk + 1) * CHUNK_SIZE); i++) yield i;
}

/** The files of a chunk's message; none when the worker sent none, or what it sent cannot be read. */
function decode(message: ChunkMessage | undefined): readonly (ChunkFile | undefined)[] {
  if (message?.data === undefined) return [];
  try {
    return deserialize(new Uint8Array(message.data)) as (ChunkFile | undefined)[];
  } catch {
    return [];
  }
}

/**
 * More than the levels the text can nest (each opens a line, a flow collection, `- ` or `? `), counted
 * by the worker for a file the full parser read (MAX_NESTING_FOR_WORKER).
 */
export function mayNestTooDeep(text: string): boolean {
  let bound = 1;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // \n \r - ? [ {
    if (code === 0x0a || code === 0x0d || code === 0x2d || code === 0x3f || code === 0x5b || code === 0x7b) {
      if (++bound > MAX_NESTING_FOR_WORKER) return true;
    }
  }
  return false;
}

/** Chunk numbers taken from the shared counter, until every chunk of `files` files is taken. */
export function* claimChunks(counter: SharedArrayBuffer, files: number, chunkSize: number): Generator<number> {
  const next = new Int32Array(counter);
  for (let chunk = Atomics.add(next, 0, 1); chunk * chunkSize < files; chunk = Atomics.add(next, 0, 1)) yield chunk;
}
