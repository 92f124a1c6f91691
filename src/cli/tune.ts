import { setFlagsFromString } from 'node:v8';

/**
 * V8's defaults suit programs that run for long: a lint runs a second or a few. Functions are optimized
 * later (a larger interrupt budget), which spares compiling what would run only a little longer: about
 * a fifth of the CPU at 1,000 applications and 5,000. The old generation grows by 40% of its live size
 * before the next full collection (V8 lets it about double), which keeps the garbage of one rule after
 * another from piling up: about 10% less peak memory at 5,000 applications, and a fifth less at 50,000
 * resources in one namespace, at no measurable CPU. Set before any of the bundle is compiled, so that its code cache is
 * made and taken with the same flags.
 */
export function tuneForOneRun(): void {
  setFlagsFromString('--interrupt-budget=300000 --heap-growing-percent=40');
}
