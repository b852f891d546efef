// What the monitor remembers across restarts (monitor-state.json), so a restart notifies nothing twice.
import { readFile } from "node:fs/promises";
import type { SessionState } from "../../api/types.js";
import { writeFileAtomic } from "../store/files.js";

/** What the monitor remembers across restarts, so nothing is notified twice. */
export interface MonitorState {
  notifiedIds: string[];
  /** session -> last state notified about (finished/error/exited are edges, not levels). */
  lastState: Record<string, SessionState>;
  /** prompt id -> reminder schedule. */
  reminders: Record<string, { session: string; firstAt: string; count: number; nextAt: string }>;
  stalledNotified: Record<string, string>;
  /** Hosts a host_down was sent for and no host_back yet. */
  hostsDown?: string[];
  /** Prompt ids notified before their options were drawn: once drawn, the complete notification follows (edges.ts). */
  undrawnNotified?: string[];
}

export class MonitorMemory {
  private saved = "";

  constructor(private readonly file: string) {}

  async load(): Promise<MonitorState> {
    try {
      const s = JSON.parse(await readFile(this.file, "utf8")) as Partial<MonitorState>;
      return {
        notifiedIds: Array.isArray(s.notifiedIds) ? s.notifiedIds : [],
        lastState: s.lastState && typeof s.lastState === "object" ? s.lastState : {},
        reminders: s.reminders && typeof s.reminders === "object" ? s.reminders : {},
        stalledNotified: s.stalledNotified && typeof s.stalledNotified === "object" ? s.stalledNotified : {},
        hostsDown: Array.isArray(s.hostsDown) ? s.hostsDown.filter((h) => typeof h === "string") : [],
        undrawnNotified: Array.isArray(s.undrawnNotified) ? s.undrawnNotified.filter((h) => typeof h === "string") : [],
      };
    } catch {
      return { notifiedIds: [], lastState: {}, reminders: {}, stalledNotified: {} };
    }
  }

  /** Persist only what changed: an idle fleet should not cost an fsync per tick. */
  async save(state: MonitorState): Promise<void> {
    const text = JSON.stringify(state);
    if (text === this.saved) return;
    await writeFileAtomic(this.file, text);
    this.saved = text;
  }
}
