// The agents Wingman can drive, by the name the registry, `status --json` and `spawn --agent` use.
// Adding an agent: a folder implementing agents/agent.ts, and one line in AGENTS below.
import type { Agent } from "./agent.js";
import { claudeCode } from "./claude-code/index.js";
import { codex } from "./codex/index.js";

const AGENTS: ReadonlyArray<Agent<never>> = [claudeCode as Agent<never>, codex as Agent<never>];

/** The agent of a record that names none (registries written before agents had names) and of `spawn` without `--agent`. */
export const DEFAULT_AGENT = claudeCode.id;

export function agentById(id: string): Agent<unknown> | undefined {
  return AGENTS.find((a) => a.id === id) as Agent<unknown> | undefined;
}

/** The agent a person named: its id (`claude-code`) or one of its words (`claude`), any case. */
export function agentByWord(word: string): Agent<unknown> | undefined {
  const w = word.toLowerCase();
  return AGENTS.find((a) => a.id === w || a.words.includes(w)) as Agent<unknown> | undefined;
}

export function agentIds(): string[] {
  return AGENTS.map((a) => a.id);
}
