// Notifications waiting to be delivered. A failing notifier (WhatsApp not linked, a network hiccup) is
// retried with backoff and never stops the monitor; past 200 waiting, the oldest is dropped (the oldest that
// is not a prompt, while there is one: a prompt is never dropped for room). Each one is
// also appended to events.jsonl as it is added (the web page's live feed), whether or not it is delivered.
import type { Logger, Notification, Notifier } from "../../api/notify.js";
import type { EventsLog } from "./events-log.js";

export class Outbox {
  private readonly items: Array<{ n: Notification; tries: number; nextAt: number }> = [];

  constructor(
    private readonly notifier: Notifier,
    private readonly log: Logger,
    private readonly events?: EventsLog,
  ) {}

  add(n: Notification): void {
    this.events?.append(n);
    this.items.push({ n, tries: 0, nextAt: 0 });
  }

  /** Resolves when every notification added so far is in events.jsonl. */
  async logged(): Promise<void> {
    await this.events?.flushed();
  }

  /** Deliver what is due, in order. */
  async flush(): Promise<void> {
    const nowMs = Date.now();
    for (const item of [...this.items]) {
      if (item.nextAt > nowMs) continue;
      try {
        await this.notifier.send(item.n);
        this.items.splice(this.items.indexOf(item), 1);
      } catch (e) {
        item.tries++;
        item.nextAt = nowMs + Math.min(60_000, 1000 * 2 ** (item.tries - 1));
        // A notifier that logged the failure itself (once per failing target) is not logged again at every try.
        if (!(e as { logged?: boolean }).logged)
          this.log.warn(`notification not delivered (try ${item.tries}): ${(e as Error).message}`);
        if (this.items.length > 200) {
          const i = this.items.findIndex((x) => !x.n.id);
          this.items.splice(Math.max(i, 0), 1);
        }
      }
    }
  }
}
