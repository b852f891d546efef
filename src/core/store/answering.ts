// An answer in progress, marked beside the session's lock (locks/<name>.answering: { id, at }), so a refresh
// that sees the dialog close meanwhile (the monitor, in another process) knows the closing was Wingman's and
// does not audit it as `closed_elsewhere`. Not in the registry: an answer writes the registry once (its
// record). The mark is written atomically and owner-only, without fsync: a crash loses only the mark (and with
// it at most one `closed_elsewhere` line for a dialog Wingman did answer). Read as hostile, like every file.
import { randomBytes } from "node:crypto";
import { readFile, rename, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ensurePrivateDir } from "./files.js";

export interface AnsweringMark {
  id: string;
  at: string;
}

const fileOf = (stateDir: string, name: string) => join(stateDir, "locks", `${name}.answering`);

export async function markAnswering(stateDir: string, name: string, id: string, at = new Date()): Promise<void> {
  await ensurePrivateDir(join(stateDir, "locks"));
  const file = fileOf(stateDir, name);
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  await writeFile(tmp, JSON.stringify({ id, at: at.toISOString() }), { mode: 0o600, flag: "wx" });
  await rename(tmp, file).catch(async (e) => {
    await unlink(tmp).catch(() => {});
    throw e;
  });
}

export async function answeringOf(stateDir: string, name: string): Promise<AnsweringMark | null> {
  try {
    const v = JSON.parse(await readFile(fileOf(stateDir, name), "utf8")) as unknown;
    if (
      v &&
      typeof v === "object" &&
      typeof (v as AnsweringMark).id === "string" &&
      typeof (v as AnsweringMark).at === "string"
    ) {
      return { id: (v as AnsweringMark).id, at: (v as AnsweringMark).at };
    }
  } catch {}
  return null;
}

export async function clearAnswering(stateDir: string, name: string): Promise<void> {
  await unlink(fileOf(stateDir, name)).catch(() => {});
}
