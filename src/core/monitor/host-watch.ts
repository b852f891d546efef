// The monitor's streams: one watch per other machine that has live sessions (hosts/ssh/stream.ts), kept
// following the sessions the monitor sees there. A hint marks sessions as changed and wakes the monitor; a
// session the stream does not cover (stream down, not attached yet) is polled every 500 ms as before.
import type { SessionView } from "../../api/types.js";
import type { HostHint, HostWatch, PaneHost, RemoteHost, WatchOptions } from "../../hosts/host.js";

/** What the watches need of the fleet: a host's remote side, by name. */
export interface WatchFleet {
  get(name: string | null): { readonly panes: PaneHost; readonly remote?: RemoteHost };
}

export class HostWatches {
  private readonly watches = new Map<string, HostWatch>();
  /** Sessions a hint named since the last tick took them; hosts whose any session may have changed. */
  private changed = new Set<string>();
  private changedHosts = new Set<string>();
  /** The latest hints received, oldest first (tests and benchmarks: which wake-ups came from streams). */
  readonly log: HostHint[] = [];

  constructor(
    private readonly fleet: WatchFleet | undefined,
    private readonly wake: () => void,
    private readonly opts: WatchOptions = {},
  ) {}

  /** Follow the live sessions of each host in `views`; a host with none left has its stream closed. */
  sync(views: readonly SessionView[]): void {
    if (!this.fleet) return;
    const byHost = new Map<string, string[]>();
    for (const v of views) {
      if (v.host === null) continue;
      if (!byHost.has(v.host)) byHost.set(v.host, []);
      if (v.state !== "exited") byHost.get(v.host)!.push(v.name);
    }
    for (const [host, sessions] of byHost) {
      let w = this.watches.get(host);
      if (!w && sessions.length) {
        let remote: RemoteHost | undefined;
        try {
          remote = this.fleet.get(host).remote;
        } catch {
          continue; // a host no longer in the config: its sessions are polled (and say so)
        }
        if (!remote?.watch) continue;
        w = remote.watch((h) => this.hint(h), this.opts);
        this.watches.set(host, w);
      }
      w?.follow(sessions);
    }
    for (const [host, w] of this.watches) {
      if (byHost.get(host)?.length) continue;
      this.watches.delete(host);
      void w.close();
    }
  }

  /** The watch of a host, if one runs. */
  of(host: string): HostWatch | undefined {
    return this.watches.get(host);
  }

  /** Whether `v`'s changes are reported as they happen (so it needs no look every 500 ms). */
  covers(v: SessionView): boolean {
    return v.host !== null && this.watches.get(v.host)?.covers(v.name) === true;
  }

  /** The sessions hints named since the last call (all of a host's for a hint that named none). */
  take(views: readonly SessionView[]): Set<string> {
    const out = this.changed;
    for (const v of views) if (v.host !== null && this.changedHosts.has(v.host)) out.add(v.name);
    this.changed = new Set();
    this.changedHosts = new Set();
    return out;
  }

  async close(): Promise<void> {
    const all = [...this.watches.values()];
    this.watches.clear();
    await Promise.all(all.map((w) => w.close()));
  }

  private hint(h: HostHint): void {
    this.log.push(h);
    if (this.log.length > 500) this.log.splice(0, 100);
    if (h.sessions) for (const s of h.sessions) this.changed.add(s);
    else this.changedHosts.add(h.host);
    this.wake();
  }
}
