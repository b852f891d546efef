// The notifications Wingman sent through a channel, by the message id the channel returned: a button press
// or a quoted reply counts only when it names a message recorded here (a press must match the prompt its
// message was sent for; a reply quoting anything else is not an answer). Kept in `<state>/sent-notices.json`
// (0600, written atomically), the newest 500, so answers by reply survive a gateway restart. Only the gateway
// process sends through channels and reads presses, so one in-process queue orders the writes.
//
// A press can reach the gateway before the send it answers has come back with its message id: the channel
// delivers the message (and the press) while the gateway is still busy with the send's reply. A press on a
// message not recorded yet therefore waits for the sends in flight (`sending`) before it counts as unknown:
// seen in the real OpenClaw Telegram test, where a refusal came out as "does not match the notification it
// came on" instead of "not an owner" (docs/phone.md, "Buttons").
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { NotificationType } from "../../api/notify.js";
import { writeFileAtomic } from "../../core/store/files.js";
import { phoneKey } from "./owners.js";

export interface SentNotice {
  channel: string;
  /** The chat it went to (the target's id). */
  to: string;
  accountId?: string;
  messageId: string;
  type: NotificationType;
  session?: string;
  /** The prompt it asked about (prompt notifications). */
  promptId?: string;
  /** ISO time it was sent. */
  at: string;
}

const KEEP = 500;
/** How long a lookup waits for sends in flight (a channel's own send can hang much longer than a press should). */
export const IN_FLIGHT_WAIT_MS = 10_000;

export class SentNotices {
  private items: SentNotice[] | null = null;
  private chain: Promise<unknown> = Promise.resolve();
  private readonly file: string;

  /** Sends under way whose message ids are not recorded yet (each with its `add`s). */
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    stateDir: string,
    private readonly inFlightWaitMs = IN_FLIGHT_WAIT_MS,
  ) {
    this.file = join(stateDir, "sent-notices.json");
  }

  /** Marks a send under way until `work` (the send and the `add` of its ids) settles; returns `work`. */
  sending<T>(work: Promise<T>): Promise<T> {
    const settled = work.then(
      () => {},
      () => {},
    );
    this.inFlight.add(settled);
    void settled.then(() => this.inFlight.delete(settled));
    return work;
  }

  private async load(): Promise<SentNotice[]> {
    if (this.items) return this.items;
    try {
      const v = JSON.parse(await readFile(this.file, "utf8")) as unknown;
      this.items = Array.isArray(v) ? v.filter(valid) : [];
    } catch {
      this.items = [];
    }
    return this.items;
  }

  add(n: SentNotice): Promise<void> {
    const next = this.chain.then(async () => {
      const items = await this.load();
      items.push(n);
      if (items.length > KEEP) items.splice(0, items.length - KEEP);
      await writeFileAtomic(this.file, `${JSON.stringify(items)}\n`);
    });
    this.chain = next.catch(() => {});
    return next;
  }

  /** The notice sent as `messageId` on `channel` into the chat `chat` (a DM's chat is the person's own id). */
  async find(channel: string, messageId: string, chat: string): Promise<SentNotice | undefined> {
    const hit = await this.lookup(channel, messageId, chat);
    if (hit || this.inFlight.size === 0) return hit;
    // Not recorded (yet?): wait for the sends under way now, then look once more.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all([...this.inFlight]),
      new Promise((r) => {
        timer = setTimeout(r, this.inFlightWaitMs);
      }),
    ]);
    clearTimeout(timer);
    return this.lookup(channel, messageId, chat);
  }

  private async lookup(channel: string, messageId: string, chat: string): Promise<SentNotice | undefined> {
    await this.chain;
    const items = await this.load();
    for (let i = items.length - 1; i >= 0; i--) {
      const n = items[i]!;
      if (n.channel === channel && n.messageId === messageId && sameChat(channel, n.to, chat)) return n;
    }
    return undefined;
  }
}

function sameChat(channel: string, a: string, b: string): boolean {
  const strip = (s: string) => s.trim().replace(new RegExp(`^(${channel}|tg):`, "i"), "");
  if (channel === "whatsapp" || channel === "signal" || channel === "sms") {
    const x = phoneKey(a);
    return x !== "" && x === phoneKey(b);
  }
  return strip(a) === strip(b);
}

function valid(v: unknown): v is SentNotice {
  const n = v as SentNotice;
  return (
    !!n &&
    typeof n === "object" &&
    typeof n.channel === "string" &&
    typeof n.to === "string" &&
    typeof n.messageId === "string" &&
    typeof n.type === "string" &&
    typeof n.at === "string"
  );
}
