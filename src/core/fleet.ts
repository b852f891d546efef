// The machines sessions run on: this one, and the hosts named in the config (reached over SSH). Each
// session's record names its host (null: this machine); everything the core does to a session goes through
// that host's panes and files. Remote hosts are created on first use, one connection each.
import { usage } from "../api/errors.js";
import type { HostSettings } from "../config.js";
import type { HostFiles, PaneHost, ProbedHost, RemoteHost } from "../hosts/host.js";
import { createAdoptedPane } from "../hosts/index.js";
import type { AdoptedPaneRef } from "./store/registry.js";

export interface SessionHost {
  /** The host's config name, or null for this machine. */
  readonly name: string | null;
  readonly panes: PaneHost;
  readonly files: HostFiles;
  /** The machine itself: its kind, its address and a look at it (`wingman hosts`). */
  readonly machine: ProbedHost;
  /** Set for another machine: its connection, to close. */
  readonly remote?: RemoteHost;
}

/** Builds a remote host from its settings (by their kind: hosts/index.ts); `controlDir` is a private local folder for its connection. */
export type RemoteHostFactory = (name: string, settings: HostSettings, controlDir: string) => RemoteHost;

export class Fleet {
  private readonly remotes = new Map<string, SessionHost>();
  private readonly adopted = new Map<string, SessionHost>();

  constructor(
    readonly local: SessionHost,
    private readonly settings: Record<string, HostSettings>,
    private readonly controlDir: string,
    private readonly factory?: RemoteHostFactory,
  ) {}

  /** The configured host names (this machine not included). */
  names(): string[] {
    return Object.keys(this.settings).sort();
  }

  /** A session's host by its record's `host`; an unknown name is a usage error naming the hosts there are. */
  get(name: string | null | undefined): SessionHost {
    if (name === null || name === undefined) return this.local;
    const known = this.remotes.get(name);
    if (known) return known;
    const settings = this.settings[name];
    if (!settings) {
      const list = this.names();
      throw usage(
        `no host ${JSON.stringify(name.slice(0, 40))} in Wingman's config${list.length ? `: hosts are ${list.join(", ")}` : " (config `hosts` is empty)"}`,
      );
    }
    if (!this.factory)
      throw usage(`this Wingman cannot reach other machines (no remote host support loaded) for host ${name}`);
    const remote = this.factory(name, settings, this.controlDir);
    const host: SessionHost = { name, panes: remote, files: remote, machine: remote, remote };
    this.remotes.set(name, host);
    return host;
  }

  /**
   * The host of one record: an adopted pane is reached on its own tmux server by its `%id` (with this
   * machine's files: it has no signal files); every other session through its host by name.
   */
  forRecord(rec: { name: string; host?: string | null; adopted?: AdoptedPaneRef; panePid?: number }): SessionHost {
    const a = rec.adopted;
    if (!a) return this.get(rec.host);
    const key = `${rec.name}\u0000${a.socket}\u0000${a.paneId}\u0000${rec.panePid ?? ""}`;
    let host = this.adopted.get(key);
    if (!host) {
      host = { ...this.local, panes: createAdoptedPane(rec.name, a.socket, a.paneId, rec.panePid) };
      this.adopted.set(key, host);
    }
    return host;
  }

  /** Close every remote connection this Wingman opened. */
  async close(): Promise<void> {
    await Promise.all([...this.remotes.values()].map((h) => h.remote?.close()));
    this.remotes.clear();
  }
}
