// `wingman status --watch`: the dashboard kept current. On a terminal it is redrawn in place (cursor home,
// each line cleared to its end, the rest of the screen cleared: no scrolling, no flicker); piped, a new
// copy is appended only when it changed, under a line with the local time (with --json: one compact
// { sessions } object a line). SIGINT/SIGTERM end it cleanly with exit 0 and the cursor restored.
import { setTimeout as sleep } from "node:timers/promises";
import type { Actor } from "../../api/types.js";
import type { Wingman } from "../../core/wingman.js";
import { localTime } from "../../format/time.js";
import { perform } from "../phrases/requests.js";
import { type Out, printRefusal, statusText } from "./output.js";
import { terminalJson } from "../../format/printable.js";

const HIDE_CURSOR = "\x1b[?25l";
const SHOW_CURSOR = "\x1b[?25h";
const HOME = "\x1b[H";
const CLEAR_LINE_END = "\x1b[K";
const CLEAR_BELOW = "\x1b[J";
const CLEAR_SCREEN = "\x1b[2J";

export interface WatchOptions {
  session?: string;
  intervalMs: number;
  json: boolean;
  out: Out;
  /** Aborted on SIGINT/SIGTERM. */
  signal: AbortSignal;
  now?: () => Date;
}

export async function watchStatus(w: Wingman, actor: Actor, o: WatchOptions): Promise<number> {
  const tty = o.out.stdout.isTTY === true && !o.json;
  const now = o.now ?? (() => new Date());
  let last: string | null = null;
  if (tty) o.out.stdout.write(HIDE_CURSOR + CLEAR_SCREEN);
  try {
    while (!o.signal.aborted) {
      const r = await perform(w, { op: "status", session: o.session }, actor);
      if (!r.ok) return printRefusal(o.out, r.error, r.facts, o.json);
      if (r.op !== "status") return 1;
      if (o.json) {
        const line = terminalJson({ sessions: r.views });
        if (line !== last) o.out.stdout.write(`${line}\n`);
        last = line;
      } else {
        const text = statusText(r.views, r.one, o.out, now());
        const stamp = localTime(now().toISOString(), { short: true });
        if (tty) {
          const head = `wingman status · every ${o.intervalMs / 1000}s · ${stamp} · Ctrl-C to stop`;
          const frame = [head, "", ...text.split("\n")].map((l) => l + CLEAR_LINE_END).join("\n");
          o.out.stdout.write(HOME + frame + "\n" + CLEAR_BELOW);
        } else if (text !== last) {
          o.out.stdout.write(`--- ${stamp} ---\n${text}\n\n`);
        }
        last = text;
      }
      await sleep(o.intervalMs, undefined, { signal: o.signal }).catch(() => undefined);
    }
    return 0;
  } finally {
    if (tty) o.out.stdout.write(SHOW_CURSOR);
  }
}
