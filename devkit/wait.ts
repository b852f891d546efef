// Small waits shared by the real-tmux tests: poll until a condition holds, and read what the stand-in agent received.
import { readFile } from "node:fs/promises";

/** Call `fn` until `ok` holds or `ms` pass (every `stepMs`); returns the last value either way. */
export async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 8000, stepMs = 50): Promise<T> {
  const end = Date.now() + ms;
  let v = await fn();
  while (!ok(v) && Date.now() < end) {
    await new Promise((r) => setTimeout(r, stepMs));
    v = await fn();
  }
  return v;
}

/** The prompts the stand-in agent submitted, exactly as received (its STANDIN_LOG: one JSON string per line). */
export async function standinPrompts(log: string): Promise<string[]> {
  const text = await readFile(log, "utf8").catch(() => "");
  return text
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as string);
}
