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

/**
 * A notifier that records each notification's type, session, id and arrival time (`clock`); `waitNote` gives
 * the first of `type` for `session` from index `mark` on, looking every 10 ms for `ms` (undefined if none came).
 */
export function recordingNotifier(clock: () => number = Date.now) {
  const notes: Array<{ type: string; session?: string; id?: string; t: number }> = [];
  const notifier = {
    async send(n: { type: string; session?: string; id?: string }) {
      notes.push({ type: n.type, session: n.session, id: n.id, t: clock() });
    },
  };
  async function waitNote(session: string, type: string, mark: number, ms: number) {
    for (const until = Date.now() + ms; Date.now() < until; await sleep(10)) {
      const n = notes.slice(mark).find((x) => x.session === session && x.type === type);
      if (n) return n;
    }
    return undefined;
  }
  return { notes, notifier, waitNote };
}

/**
 * When the screen first showed something: `capture` read every 20 ms (750 times at most, 15 s) until `shows`
 * holds; that moment, or 0 if it never did. The benchmarks' own eye on a pane, beside what Wingman reports.
 */
export async function firstShown(capture: () => Promise<string>, shows: (screen: string) => boolean): Promise<number> {
  for (let k = 0; k < 750; k++) {
    if (shows(await capture())) return Date.now();
    await sleep(20);
  }
  return 0;
}

/** One trial's line: its number, its label (padded to `width`), and each leg in ms ("-" when not measured). */
export function trialLine(i: number, label: string, width: number, legs: Record<string, number | undefined>): string {
  const ms = (x: number | undefined) => (x === undefined ? "-" : `${Math.round(x)} ms`);
  const parts = Object.entries(legs).map(([leg, x]) => `${leg} ${ms(x)}`);
  return `  trial ${String(i).padStart(2)} ${label.padEnd(width)} ${parts.join(", ")}`;
}

/** One row of a side-by-side table: `label` (padded to `width`), then n, median and p95 of each sample. */
export function statsRow(label: string, width: number, samples: number[][]): string {
  const fmt = (x: number) => (Number.isFinite(x) ? `${Math.round(x)}`.padStart(6) : "     -");
  const cells = samples.map((xs) => {
    const st = stats(xs);
    return `n=${String(st.n).padEnd(3)} p50 ${fmt(st.p50)} ms  p95 ${fmt(st.p95)} ms`;
  });
  return `  ${label.padEnd(width)} ${cells.map((c) => c.padEnd(38)).join(" | ")}`;
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

/**
 * The end of one approval trial: the "finished" notification for `session` (from index `mark`) after the idle
 * screen first showed at `idleAt` (0: never), its delay kept in `finished`; the trial's line with `legs` and that
 * delay; then up to 10 s for the session to settle idle, so the next trial starts from a quiet session.
 */
export async function endTrial(o: {
  status: (session: string) => Promise<Array<{ state: string }>>;
  waitNote: (session: string, type: string, mark: number, ms: number) => Promise<{ t: number } | undefined>;
  session: string;
  label: string;
  width: number;
  i: number;
  mark: number;
  idleAt: number;
  finished: number[];
  legs: Record<string, number | undefined>;
}): Promise<void> {
  const fin = o.idleAt ? await o.waitNote(o.session, "finished", o.mark, 20_000) : undefined;
  if (o.idleAt && fin) o.finished.push(Math.max(0, fin.t - o.idleAt));
  else
    console.log(
      `  ${o.label} trial ${o.i}: ${o.idleAt ? "no finished notification" : "the turn's end was never drawn"}`,
    );
  const finished = fin && o.idleAt ? Math.max(0, fin.t - o.idleAt) : undefined;
  console.log(trialLine(o.i, o.label, o.width, { ...o.legs, finished }));
  for (let k = 0; k < 100 && (await o.status(o.session))[0]?.state !== "idle"; k++) await sleep(100);
}
