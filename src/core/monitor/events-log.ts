// Every notification, one JSON line each, in `<state>/events.jsonl`: the web page follows this file for its
// live updates (the contract's "Web"). Owner-only; past MAX_BYTES it is rotated to `events.jsonl.1` (one old
// file kept), so it never grows without bound. Appends are queued, in order; a failed append is logged and
// never stops the monitor.
import { appendFile, rename, stat } from "node:fs/promises";
import { join } from "node:path";
import type { Logger, Notification } from "../../api/notify.js";

export const EVENTS_FILE = "events.jsonl";
const MAX_BYTES = 1_000_000;

export class EventsLog {
  readonly file: string;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    stateDir: string,
    private readonly log: Logger,
  ) {
    this.file = join(stateDir, EVENTS_FILE);
  }

  append(n: Notification): void {
    const line = `${JSON.stringify(n)}\n`;
    this.queue = this.queue
      .then(async () => {
        const size = await stat(this.file).then(
          (s) => s.size,
          () => 0,
        );
        if (size + line.length > MAX_BYTES) await rename(this.file, `${this.file}.1`);
        await appendFile(this.file, line, { mode: 0o600 });
      })
      .catch((e) => this.log.warn(`events.jsonl not written: ${(e as Error).message}`));
  }

  /** Resolves when every append so far is on disk (stop, tests). */
  flushed(): Promise<void> {
    return this.queue;
  }
}
