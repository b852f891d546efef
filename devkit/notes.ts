// The notifications a test's Monitor sends, kept in a list the test reads, and a wait for one of them: the
// set-up of the real-CLI tests that watch the monitor (budget, monitor, worktrees, the fleets).
import type { Notification } from "../src/api/notify.js";
import { Monitor } from "../src/core/monitor/monitor.js";
import type { WingmanCore } from "../src/core/wingman.js";
import { describeNotification } from "../src/format/notify.js";

const silent = { info() {}, warn() {}, error() {} };

/** A Monitor over `wingman` (its config unless `config`) that keeps every notification it sends in `sent`. */
export function notingMonitor(
  wingman: WingmanCore,
  sent: Notification[],
  o: { now?: () => Date; config?: WingmanCore["config"] } = {},
): Monitor {
  return new Monitor({
    describe: describeNotification,
    wingman,
    config: o.config ?? wingman.config,
    logger: silent,
    ...(o.now ? { now: o.now } : {}),
    notifier: {
      async send(n) {
        sent.push(n);
      },
    },
  });
}

/**
 * The first notification in `sent` (from index `from`) that `pred` accepts, waiting for it every `stepMs` (and
 * calling `each` between looks, as a test that kicks its monitor does); after `ms`, an error listing what did
 * come, each as `show` gives it.
 */
export async function waitForNote(
  sent: Notification[],
  pred: (n: Notification) => boolean,
  o: { ms: number; from?: number; stepMs: number; show: (n: Notification) => unknown[]; each?: () => void },
): Promise<Notification> {
  const until = Date.now() + o.ms;
  for (;;) {
    const n = sent.slice(o.from ?? 0).find(pred);
    if (n) return n;
    if (Date.now() > until) throw new Error(`no such notification; got ${JSON.stringify(sent.map(o.show))}`);
    o.each?.();
    await new Promise((r) => setTimeout(r, o.stepMs));
  }
}
