// One monitor per state dir, across processes (the gateway's service, `wingman monitor`) and within one
// process (a pid check cannot tell two monitors of the same process apart, so those are tracked here).
import { releaseProcessLock, takeProcessLock } from "../store/locks.js";

const HELD_HERE = new Set<string>();

export class MonitorLock {
  private token: string | null = null;

  constructor(readonly file: string) {}

  /** Null when taken; otherwise the pid of the monitor that holds it (this one stands by). */
  async take(): Promise<number | null> {
    if (HELD_HERE.has(this.file)) return process.pid;
    const r = await takeProcessLock(this.file);
    if ("holder" in r) return r.holder;
    this.token = r.token;
    HELD_HERE.add(this.file);
    return null;
  }

  async release(): Promise<void> {
    if (!this.token) return;
    await releaseProcessLock(this.file, this.token);
    HELD_HERE.delete(this.file);
    this.token = null;
  }
}
