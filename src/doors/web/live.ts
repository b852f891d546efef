// Live updates for the page, over server-sent events. The monitor appends every notification to
// `<state>/events.jsonl`; this follows that file (fs.watch on the state dir, plus a 1 s look at its size in
// case a watch event is missed) and, on each new line, sends the notification and a fresh status to every
// page. Between notifications, status is re-read every few seconds (only while a page is open) and sent when
// it changed, and the screen of the session a page has open is sent when it changed. The page never polls.
import { type FSWatcher, watch } from "node:fs";
import { open, stat } from "node:fs/promises";
import { join } from "node:path";
import type { ServerResponse } from "node:http";
import type { Logger } from "../../api/notify.js";
import { EVENTS_FILE } from "../../core/monitor/events-log.js";
import type { Wingman } from "../../core/wingman.js";
import { pageJournal, pageScreen, pageStatus } from "./model.js";

const STATUS_EVERY_MS = 2000;
const SCREEN_EVERY_MS = 1000;
const HEARTBEAT_MS = 15_000;

interface Client {
  res: ServerResponse;
  /** The session whose screen this page shows, if any. */
  session: string | null;
  lastScreen: string;
}

export class LiveFeed {
  private readonly clients = new Set<Client>();
  private readonly file: string;
  private offset = -1;
  private watcher: FSWatcher | null = null;
  private timers: NodeJS.Timeout[] = [];
  private lastStatus = "";
  private reading: Promise<void> | null = null;
  private readAgain = false;
  private statusBusy: Promise<void> | null = null;
  private statusAgain = false;

  constructor(
    private readonly w: Wingman,
    private readonly log: Logger,
  ) {
    this.file = join(w.stateDir, EVENTS_FILE);
  }

  async start(): Promise<void> {
    // Only what is appended from now on is news.
    this.offset = await stat(this.file).then(
      (s) => s.size,
      () => 0,
    );
    try {
      this.watcher = watch(this.w.stateDir, (_e, f) => {
        if (f === null || String(f) === EVENTS_FILE) this.readNew();
      });
      this.watcher.on("error", (e) =>
        this.log.warn(`web: watching ${this.w.stateDir} failed, looking every second: ${e.message}`),
      );
      this.watcher.unref();
    } catch (e) {
      this.log.warn(`web: cannot watch ${this.w.stateDir}, looking every second: ${(e as Error).message}`);
    }
    const every = (ms: number, fn: () => void) => {
      const t = setInterval(fn, ms);
      t.unref();
      this.timers.push(t);
    };
    every(1000, () => this.readNew());
    every(STATUS_EVERY_MS, () => this.clients.size && this.pushStatus());
    every(SCREEN_EVERY_MS, () => this.pushScreens());
    every(HEARTBEAT_MS, () => this.broadcast(": keepalive\n\n"));
  }

  stop(): void {
    this.watcher?.close();
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    for (const c of this.clients) c.res.end();
    this.clients.clear();
  }

  /** A page opened the event stream; it gets the status (and its session's screen) at once. */
  add(res: ServerResponse, session: string | null): void {
    const c: Client = { res, session, lastScreen: "" };
    this.clients.add(c);
    res.on("close", () => this.clients.delete(c));
    void pageStatus(this.w)
      .then((s) => send(res, "status", s))
      .catch((e) => this.log.warn(`web: status failed: ${(e as Error).message}`));
    if (session) void this.pushScreen(c, true);
  }

  private broadcast(chunk: string): void {
    for (const c of this.clients) c.res.write(chunk);
  }

  /** Reads what was appended to events.jsonl since the last look (coalesced). */
  private readNew(): void {
    if (this.reading) {
      this.readAgain = true;
      return;
    }
    this.reading = this.readOnce()
      .catch((e) => this.log.warn(`web: reading ${this.file} failed: ${(e as Error).message}`))
      .finally(() => {
        this.reading = null;
        if (this.readAgain) {
          this.readAgain = false;
          this.readNew();
        }
      });
  }

  private async readOnce(): Promise<void> {
    const size = await stat(this.file).then(
      (s) => s.size,
      () => 0,
    );
    if (size < this.offset) this.offset = 0; // rotated: the new file is all news
    if (size === this.offset) return;
    const fh = await open(this.file, "r");
    let text: string;
    try {
      const buf = Buffer.alloc(size - this.offset);
      const { bytesRead } = await fh.read(buf, 0, buf.length, this.offset);
      text = buf.subarray(0, bytesRead).toString("utf8");
    } finally {
      await fh.close();
    }
    // Only whole lines: a line still being written is read next time.
    const end = text.lastIndexOf("\n");
    if (end < 0) return;
    this.offset += Buffer.byteLength(text.slice(0, end + 1));
    let any = false;
    for (const line of text.slice(0, end).split("\n")) {
      if (!line.trim()) continue;
      try {
        const n = JSON.parse(line) as Record<string, unknown>;
        for (const c of this.clients) send(c.res, "notification", n);
        any = true;
      } catch {
        this.log.warn("web: a line of events.jsonl is not JSON; skipped");
      }
    }
    if (any) await this.pushStatus(true);
  }

  /** Re-reads status and sends it when it changed (or always, after a notification). Coalesced. */
  pushStatus(always = false): Promise<void> {
    if (this.statusBusy) {
      this.statusAgain = true;
      return this.statusBusy;
    }
    this.statusBusy = (async () => {
      const s = await pageStatus(this.w);
      const key = JSON.stringify(s.sessions);
      if (always || key !== this.lastStatus) {
        this.lastStatus = key;
        for (const c of this.clients) send(c.res, "status", s);
        // A page showing a session gets its journal too (history and audit change with answers).
        for (const c of this.clients) if (c.session) send(c.res, "journal", await pageJournal(this.w, c.session));
      }
    })()
      .catch((e) => this.log.warn(`web: status failed: ${(e as Error).message}`))
      .finally(() => {
        this.statusBusy = null;
        if (this.statusAgain) {
          this.statusAgain = false;
          void this.pushStatus(true);
        }
      });
    return this.statusBusy;
  }

  private pushScreens(): void {
    for (const c of this.clients) if (c.session) void this.pushScreen(c, false);
  }

  private async pushScreen(c: Client, always: boolean): Promise<void> {
    try {
      const s = await pageScreen(this.w, c.session!);
      const key = JSON.stringify(s);
      if (!always && key === c.lastScreen) return;
      c.lastScreen = key;
      send(c.res, "screen", { session: c.session, ...s });
    } catch (e) {
      this.log.warn(`web: screen failed: ${(e as Error).message}`);
    }
  }
}

/** One server-sent event; the data is JSON on one line (JSON.stringify never emits a raw line break). */
function send(res: ServerResponse, event: string, data: unknown): void {
  res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}
