// What the benchmark scripts share: percentiles, a quiet logger, the owner they act as, a sleep.

/** n, median, p95 and max of a sample (nearest rank). */
export function stats(xs: number[]): { n: number; p50: number; p95: number; max: number } {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)] ?? Number.NaN;
  return { n: s.length, p50: q(0.5), p95: q(0.95), max: s.at(-1) ?? Number.NaN };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const owner = { id: "bench", channel: "cli", authorized: true };
export const quiet = { info() {}, warn() {}, error() {} };
