// A machine's Wingman tmux server as a pane host: this machine's (LocalTmuxHost), or another's through a
// TmuxController whose commands run over SSH. Session names map to the one pane Wingman creates per session;
// the agent's environment is never passed here (it goes through the launcher's 0600 file, which also removes
// the variables tmux puts into every pane: TMUX names the socket).
import { stat } from "node:fs/promises";
import { hostname } from "node:os";
import type { PaneStatus } from "../api/types.js";
import type { HostProbe, NewPane, PaneHost, ProbedHost } from "./host.js";
import { findProgram, runProgram } from "./run.js";
import { paneTarget, TmuxController } from "./tmux.js";

/** How long a program may take to print its version before it counts as missing. */
const VERSION_TIMEOUT_MS = 15_000;

export class TmuxPanes implements PaneHost {
  constructor(
    readonly tmux: TmuxController,
    readonly name: string | null,
    /** Type through stdin and a paste buffer (where the command line would cross a remote shell). */
    private readonly typeViaStdin = false,
  ) {}

  get calls(): number {
    return this.tmux.spawned;
  }

  listPanes(): Promise<PaneStatus[]> {
    return this.tmux.listPanes();
  }

  snapshot(
    sessions: string[],
    opts?: { escapes?: ReadonlySet<string> },
  ): Promise<{ panes: PaneStatus[]; screens: Map<string, string | null> }> {
    return this.tmux.snapshot(sessions, undefined, opts);
  }

  capture(session: string, opts: { history?: number; escapes?: boolean } = {}): Promise<string> {
    return this.tmux.capture(paneTarget(session), opts);
  }

  newSession(o: NewPane): Promise<PaneStatus> {
    return this.tmux.newSession({ name: o.name, workdir: o.workdir, argv: o.argv, width: o.width, height: o.height });
  }

  typeText(session: string, text: string): Promise<void> {
    return this.typeViaStdin
      ? this.tmux.pasteText(paneTarget(session), text)
      : this.tmux.typeText(paneTarget(session), text);
  }

  sendKeys(session: string, ...keys: string[]): Promise<void> {
    return this.tmux.sendKeys(paneTarget(session), ...keys);
  }

  killSession(session: string): Promise<boolean> {
    return this.tmux.killSession(session);
  }

  hasSession(session: string): Promise<boolean> {
    return this.tmux.hasSession(session);
  }

  async tmuxVersion(): Promise<string> {
    await this.tmux.ensureTmux();
    return this.tmux.version;
  }

  attachArgv(session: string): string[] {
    return this.tmux.attachArgv(session);
  }
}

/** This machine: Wingman's own tmux server on its own socket. */
export class LocalTmuxHost extends TmuxPanes implements ProbedHost {
  declare readonly name: null;
  readonly kind = "local";
  readonly address = hostname();
  constructor(socket: string) {
    super(new TmuxController(socket), null);
  }

  /** This machine always answers; a missing tmux is its error. Programs are asked in parallel. */
  async probe(programs: string[]): Promise<HostProbe> {
    const [tmux, versions] = await Promise.all([
      this.tmuxVersion().then(
        (v) => ({ version: v }),
        (e: unknown) => ({ error: e instanceof Error ? e.message : String(e) }),
      ),
      Promise.all(programs.map((p) => programVersion(p))),
    ]);
    return {
      reachable: true,
      ...("error" in tmux ? { error: tmux.error } : { tmuxVersion: tmux.version }),
      programs: Object.fromEntries(programs.map((p, i) => [p, versions[i] ?? null])),
    };
  }
}

/**
 * Versions already read, by the program file's identity (the file a command resolves to: its device, inode,
 * size and modification time), each for at most VERSION_KEEP_MS. `hosts` asks on every call and some agents take
 * seconds of CPU to answer (Gemini CLI starts Node twice for `--version`); an upgrade writes a new file, and so
 * a new identity. The time limit covers a wrapper script that stays the same while the program it starts changes.
 */
const versions = new Map<string, { at: number; version: Promise<string | null> }>();
const VERSION_KEEP_MS = 5 * 60_000;

/** The first line a program prints for --version, or null when it cannot be run here. */
export async function programVersion(command: string, now = Date.now()): Promise<string | null> {
  const id = await fileIdentity(command);
  if (id === null) return readVersion(command);
  const known = versions.get(id);
  if (known && now - known.at < VERSION_KEEP_MS) return known.version;
  const version = readVersion(command);
  versions.set(id, { at: now, version });
  // A program that did not answer is asked again next time (it may have been busy, or is being installed).
  if ((await version) === null && versions.get(id)?.version === version) versions.delete(id);
  return version;
}

async function readVersion(command: string): Promise<string | null> {
  const r = await runProgram(command, ["--version"], { timeoutMs: VERSION_TIMEOUT_MS });
  if (r.exitCode !== 0) return null;
  return r.stdout.split("\n")[0]?.trim() || "?";
}

/** The identity of the file `command` runs (found on this process's PATH, as runProgram's spawn finds it), or null. */
async function fileIdentity(command: string): Promise<string | null> {
  const file = await findProgram(command, process.env.PATH);
  const st = file === null ? null : await stat(file).catch(() => null);
  return st?.isFile() ? `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}:${file}` : null;
}
