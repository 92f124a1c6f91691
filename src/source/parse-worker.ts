// The worker thread of readSourceFiles (workers.ts): it takes chunks of the file list from the counter it
// shares with the main thread, reads and parses each chunk's files as readSourceFile does, and posts the
// results back as plain data (SourceParts), one message per chunk. Built into its own small bundle
// (scripts/bundle-cli.mjs), so that it starts quickly.
import { serialize } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { sourceParts } from './parse.js';
import { fingerprintWhenRead, readSourceFile } from './read.js';
import { claimChunks, mayNestTooDeep, type ChunkFile, type ChunkMessage, type WorkerInput } from './workers.js';

const { paths, counter, chunkSize } = workerData as WorkerInput;

for (const chunk of claimChunks(counter, paths.length, chunkSize)) {
  const files = paths.slice(chunk * chunkSize, (chunk + 1) * chunkSize).map((path): ChunkFile | undefined => {
    try {
      const parts = sourceParts(readSourceFile(path));
      // Files the fast reader read nest 128 levels at most.
      if (parts.starts === undefined && mayNestTooDeep(parts.text)) return undefined;
      return { parts, fingerprint: fingerprintWhenRead(path) };
    } catch {
      return undefined; // the main thread reads it again, and reports whatever stopped it here
    }
  });
  parentPort!.postMessage(...encode(chunk, files));
}

/**
 * The chunk's files in V8's serialization format, in a buffer handed over without a copy: what
 * postMessage would do, less a copy, and keeping Buffers (`!!binary`) as Buffers. A value it cannot
 * serialize (none is known) sends the chunk without files, for the main thread to read.
 */
function encode(chunk: number, files: readonly (ChunkFile | undefined)[]): [ChunkMessage, ArrayBuffer[]] {
  try {
    const bytes = serialize(files);
    const data = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes.buffer : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    return [{ chunk, data }, [data]];
  } catch {
    return [{ chunk }, []];
  }
}
