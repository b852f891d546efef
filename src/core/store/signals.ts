// Signal files: what an agent's signal program (a hook script, a notify program) writes, one
// JSON file per event into the session's folder, named `<nanoseconds>-<pid>.json` so names sort by time and
// written to a temp name then renamed, so a reader never sees half of one. The core reads and prunes them;
// the agent folds what they say. They are hints from a process of the same user, never a reason to press a key.
import { readdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import type { SignalFile } from "../../agents/agent.js";

export function signalsDir(stateDir: string, session: string): string {
  return join(stateDir, "events", session);
}

/** Signal files newer than `cursor`, oldest first; a file that is not JSON teaches nothing and is skipped. */
export async function readSignals(dir: string, cursor?: string): Promise<SignalFile[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const fresh = names.filter((n) => n.endsWith(".json") && !n.startsWith(".") && (!cursor || n > cursor)).sort();
  const out: SignalFile[] = [];
  for (const file of fresh) {
    const text = await readFile(join(dir, file), "utf8").catch(() => null);
    if (text === null) continue;
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      continue;
    }
    const ns = Number(file.split("-")[0]);
    out.push({ file, at: new Date(Number.isFinite(ns) ? Math.floor(ns / 1e6) : Date.now()).toISOString(), body });
  }
  return out;
}

/** Delete folded signal files up to and including `cursor`. */
export async function pruneSignals(dir: string, cursor: string): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  await Promise.all(names.filter((n) => n.endsWith(".json") && n <= cursor).map((n) => rm(join(dir, n), { force: true })));
}
