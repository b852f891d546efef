// Small waits shared by the real-tmux tests: poll until a condition holds, and read what the stand-in agent received.
import { readFile } from "node:fs/promises";
import type { SessionView } from "../src/api/types.js";
import type { WingmanCore } from "../src/core/wingman.js";
import { type OpenRequest, stallReport } from "./stall-report.js";

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

/**
 * Until the foreground program of a person's pane is `name`. tmux runs a one-word command through `sh -c`, which
 * execs it a moment later: a look in between (adopt, its list) sees `bash -c …`, not the agent (seen once in
 * test/integration/adopt-changes.test.ts on a clean run). `tmux` runs tmux on the person's socket.
 */
export async function paneRuns(
  tmux: (...args: string[]) => Promise<{ stdout: string }>,
  target: string,
  name: string,
  ms = 10_000,
): Promise<void> {
  const now = () => tmux("display-message", "-p", "-t", target, "#{pane_current_command}").then((r) => r.stdout.trim());
  const last = await until(now, (v) => v === name, ms);
  if (last !== name) throw new Error(`pane ${target} runs ${last || "nothing"}, not ${name}, after ${ms} ms`);
}

/** The prompts the stand-in agent submitted, exactly as received (its STANDIN_LOG: one JSON string per line). */
export async function standinPrompts(log: string): Promise<string[]> {
  const text = await readFile(log, "utf8").catch(() => "");
  return text
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as string);
}

/**
 * Read `name`'s view until `ok` holds (every `stepMs`); the view, or an error with the last one seen after `ms`
 * and, when `explain` is given, what it says (the rigs pass devkit/stall-report.ts: what the agent was doing).
 * The one wait of the real-agent rigs (claude, codex, gemini, opencode).
 */
export async function waitForState(
  status: (name: string) => Promise<SessionView[]>,
  name: string,
  ok: (v: SessionView) => boolean,
  ms: number,
  stepMs = 100,
  explain?: (name: string) => Promise<string>,
): Promise<SessionView> {
  const end = Date.now() + ms;
  let last: SessionView | undefined;
  while (Date.now() < end) {
    [last] = await status(name);
    if (last && ok(last)) return last;
    await new Promise((r) => setTimeout(r, stepMs));
  }
  const why = explain ? `\n${await explain(name)}` : "";
  throw new Error(`${name} did not reach the expected state in ${ms} ms; last: ${JSON.stringify(last)}${why}`);
}

/**
 * A real-agent rig's `waitState`: `wingman`'s view of a session read until `ok` holds, and when the wait runs out,
 * the stall report (devkit/stall-report.ts) with the mock's `requests` when they are given.
 */
export function rigWaitState(
  wingman: WingmanCore,
  o: { stepMs?: number; requests?: readonly OpenRequest[] } = {},
): (name: string, ok: (v: SessionView) => boolean, ms: number) => Promise<SessionView> {
  return (name, ok, ms) =>
    waitForState(
      (n) => wingman.status(n),
      name,
      ok,
      ms,
      o.stepMs ?? 100,
      (n) => stallReport(() => wingman.tmux.listPanes(), n, o.requests),
    );
}

/**
 * Wait until the model received a prompt equal to `text`, byte for byte (`prompts`: what the mock has received
 * so far); an error with every prompt it got after `ms`.
 */
export async function waitForPrompt(prompts: () => string[], text: string, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!prompts().includes(text)) {
    if (Date.now() > until)
      throw new Error(
        `the model never received the prompt ${JSON.stringify(text)}; it got ${JSON.stringify(prompts())}`,
      );
    await new Promise((r) => setTimeout(r, 100));
  }
}
