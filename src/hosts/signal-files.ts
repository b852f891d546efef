// Signal files as read from any machine: what an agent's signal program (a hook script, a notify program)
// wrote, one JSON file per event, named `<nanoseconds>-<pid>.json` so names sort by time. Pure: the reading
// of folders is the host's; which files count, and how they become SignalFiles, is the same everywhere.
import type { SignalFile } from "../api/types.js";

/** A name the signal programs write (temp files start with `.`); anything else in the folder is ignored. */
export function isSignalName(name: string): boolean {
  return /^[0-9A-Za-z_-][0-9A-Za-z._-]*\.json$/.test(name);
}

/** Files newer than `cursor`, oldest first; a file that is not JSON teaches nothing and is skipped. */
export function signalsFrom(files: Array<{ name: string; text: string | null }>, cursor?: string): SignalFile[] {
  const out: SignalFile[] = [];
  for (const { name, text } of [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (!isSignalName(name) || (cursor && name <= cursor) || text === null) continue;
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      continue;
    }
    const ns = Number(name.split("-")[0]);
    out.push({ file: name, at: new Date(Number.isFinite(ns) ? Math.floor(ns / 1e6) : Date.now()).toISOString(), body });
  }
  return out;
}
