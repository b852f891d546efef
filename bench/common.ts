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

/** A notifier that records each notification's type, session, id and arrival time (`clock`). */
export function recordingNotifier(clock: () => number = Date.now) {
  const notes: Array<{ type: string; session?: string; id?: string; t: number }> = [];
  const notifier = {
    async send(n: { type: string; session?: string; id?: string }) {
      notes.push({ type: n.type, session: n.session, id: n.id, t: clock() });
    },
  };
  return { notes, notifier };
}

/**
 * Where an answer's time goes: wraps a Wingman's own pane host so that every call the core makes to it is
 * stamped (op, session, keys for sendKeys, start and end).
 */
export function stampPaneCalls(host: object, ops = ["capture", "sendKeys", "snapshot", "typeText"]) {
  const stamps: Array<{ op: string; session: string; keys?: string; start: number; end: number }> = [];
  const panes = host as Record<string, (...a: unknown[]) => Promise<unknown>>;
  for (const op of ops) {
    const f = panes[op]!.bind(panes);
    panes[op] = async (...a: unknown[]) => {
      const start = Date.now();
      const r = await f(...a);
      stamps.push({
        op,
        session: String(a[0]),
        keys: op === "sendKeys" ? a.slice(1).join(" ") : undefined,
        start,
        end: Date.now(),
      });
      return r;
    };
  }
  return stamps;
}
