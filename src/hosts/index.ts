// Host kinds by name: where a session's panes live and how Wingman reaches them. `local` is this machine
// (its own tmux server on Wingman's socket); `ssh` is another machine over one SSH connection. The core
// makes every host through this table, so a new kind (a container's `exec`, a pod) is one folder under
// hosts/ plus one entry here, and the core's facade names no kind.
import { failed } from "../api/errors.js";
import type { PaneHost, ProbedHost, RemoteHost } from "./host.js";
import { AdoptedPane } from "./adopted.js";
import { LocalTmuxHost } from "./local.js";
import { SshHost, type SshHostSettings } from "./ssh/ssh-host.js";
import { runProgram } from "./run.js";
import { type ProgramRunner, tmuxClientEnv } from "./tmux.js";

/** What the config says about one remote host (the `hosts.<name>` entry, resolved). */
export interface RemoteHostSettings extends SshHostSettings {
  kind: string;
}

const REMOTE_KINDS: Record<string, (name: string, settings: RemoteHostSettings, controlDir: string) => RemoteHost> = {
  ssh: (name, settings, controlDir) => new SshHost(name, settings, controlDir),
};

/** Every kind there is, this machine's first. */
export const HOST_KINDS: readonly string[] = ["local", ...Object.keys(REMOTE_KINDS)];

/**
 * Programs (git, gh) on this machine with Wingman's environment less its own variables and tmux's; stdin is
 * closed unless input is given, so nothing can wait for a person to type. A program not found exits 127.
 */
export function localProgramRunner(env: NodeJS.ProcessEnv): ProgramRunner {
  return async (argv, input) => {
    const r = await runProgram(argv[0]!, argv.slice(1), {
      ...(input !== undefined ? { input } : {}),
      env: tmuxClientEnv(env),
    });
    if (r.notFound) return { exitCode: 127, stdout: "", stderr: `${argv[0]}: not found` };
    return { exitCode: r.exitCode ?? 1, stdout: r.stdout, stderr: r.stderr || (r.failure ?? "") };
  };
}

/** This machine's host: Wingman's tmux server on `socket`. */
export function createLocalHost(socket: string): PaneHost & ProbedHost & { readonly tmux: LocalTmuxHost["tmux"] } {
  return new LocalTmuxHost(socket);
}

/**
 * A pane a person started by hand on their own tmux server (`socket`, an absolute path), as the pane host of
 * the one Wingman session `name` that adopted it: reads, keys and text reach that pane only (hosts/adopted.ts).
 */
export function createAdoptedPane(name: string, socket: string, paneId: string, panePid?: number): PaneHost {
  return new AdoptedPane(name, socket, paneId, panePid);
}

export { findProgram } from "./run.js";
export { foregroundCommands, listUserPanes, socketWord, type UserPane, userSocketPath } from "./adopted.js";

/** Another machine by its kind; `controlDir` is a private local folder for its connection. */
export function createRemoteHost(name: string, settings: RemoteHostSettings, controlDir: string): RemoteHost {
  const make = REMOTE_KINDS[settings.kind];
  if (!make)
    throw failed(
      `host ${name}: unknown kind ${JSON.stringify(settings.kind)} (kinds: ${Object.keys(REMOTE_KINDS).join(", ")})`,
    );
  return make(name, settings, controlDir);
}
