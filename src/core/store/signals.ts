// Signal files on this machine: what an agent's signal program (a hook script, a notify program) writes, one
// JSON file per event into the session's folder, written to a temp name then renamed, so a reader never sees
// half of one. The core reads and prunes them; the agent folds what they say. They are hints from a process of
// the same user, never a reason to press a key.
import { readdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import type { SignalFile } from "../../agents/agent.js";
import { isSignalName, signalsFrom } from "../../hosts/signal-files.js";

export function signalsDir(stateDir: string, session: string): string {
  return join(stateDir, "events", session);
}

/** Signal files newer than `cursor`, oldest first. */
export async function readSignals(dir: string, cursor?: string): Promise<SignalFile[]> {
  const names = (await readdir(dir).catch(() => [] as string[])).filter(
    (n) => isSignalName(n) && (!cursor || n > cursor),
  );
  const files = await Promise.all(
    names.map(async (name) => ({ name, text: await readFile(join(dir, name), "utf8").catch(() => null) })),
  );
  return signalsFrom(files, cursor);
}

/** Delete folded signal files up to and including `cursor`. */
export async function pruneSignals(dir: string, cursor: string): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  await Promise.all(
    names.filter((n) => n.endsWith(".json") && n <= cursor).map((n) => rm(join(dir, n), { force: true })),
  );
}
