// This machine's HostFiles: the agents' fixed files and the signal folders live in Wingman's own state dir.
import { realpath, rm, stat, writeFile } from "node:fs/promises";
import { dirname, isAbsolute, join, resolve } from "node:path";
import type { SignalFile } from "../../api/types.js";
import { expandHome } from "../../config.js";
import type { HostFiles } from "../../hosts/host.js";
import type { ProgramRunner } from "../../hosts/host.js";
import { findProgram, localProgramRunner } from "../../hosts/index.js";
import { ensurePrivateDir, writeFileAtomic } from "./files.js";
import { pruneSignals, readSignals, signalsDir } from "./signals.js";

export class LocalFiles implements HostFiles {
  /** Programs (git, gh) run directly on this machine (hosts/index.ts localProgramRunner). */
  readonly run: ProgramRunner;

  constructor(
    readonly agentDir: string,
    private readonly env: NodeJS.ProcessEnv,
  ) {
    this.run = localProgramRunner(env);
  }

  signalsDir(session: string): string {
    return signalsDir(this.agentDir, session);
  }

  readSignals(session: string, cursor?: string): Promise<SignalFile[]> {
    return readSignals(this.signalsDir(session), cursor);
  }

  pruneSignals(session: string, cursor: string): Promise<void> {
    return pruneSignals(this.signalsDir(session), cursor);
  }

  async resetSignals(session: string): Promise<void> {
    await ensurePrivateDir(this.agentDir);
    await rm(this.signalsDir(session), { recursive: true, force: true, maxRetries: 3, retryDelay: 20 });
    await ensurePrivateDir(this.signalsDir(session));
  }

  async nudge(session: string): Promise<void> {
    // In the events folder itself, not the session's: a kill removing that folder must never race a write
    // into it (seen: rm -r failing ENOTEMPTY). A dot name is never read as a signal (signal-files.ts).
    await writeFile(join(this.agentDir, "events", ".nudge"), session, { mode: 0o600 });
  }

  async removeSignals(session: string): Promise<void> {
    await rm(this.signalsDir(session), { recursive: true, force: true, maxRetries: 3, retryDelay: 20 });
  }

  async writeFiles(files: Array<{ path: string; content: string }>): Promise<void> {
    await ensurePrivateDir(this.agentDir);
    for (const f of files) {
      await ensurePrivateDir(dirname(f.path)); // a subfolder (launch/) is made owner-only too
      await writeFileAtomic(f.path, f.content);
    }
  }

  async realFolder(path: string): Promise<string | null> {
    const expanded = expandHome(path, this.env.HOME || undefined);
    const abs = isAbsolute(expanded) ? expanded : resolve(expanded);
    const st = await stat(abs).catch(() => null);
    return st?.isDirectory() ? realpath(abs) : null;
  }

  async hasProgram(command: string): Promise<boolean> {
    const cmd = command.includes("/") ? resolve(expandHome(command, this.env.HOME || undefined)) : command;
    return (await findProgram(cmd, this.env.PATH)) !== null;
  }
}
