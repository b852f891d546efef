// The agents Wingman can drive, by the name the registry, `status --json` and `spawn --agent` use.
// Adding an agent: a folder implementing agents/agent.ts (its settings in settings.ts, registered with
// defineAgent), and one line in AGENTS below. Everything else (the config's `agents.<id>` schema and its
// older aliases, help, completion, the tool schema, the grammar's agent words, error messages) is read
// from this list; test/unit/architecture.test.ts checks that no other file names an agent.
import type { Agent } from "./agent.js";
import { claudeCode } from "./claude-code/index.js";
import { codex } from "./codex/index.js";
import { gemini } from "./gemini/index.js";
import { opencode } from "./opencode/index.js";

/** Every agent, the default first. */
export const AGENTS: ReadonlyArray<Agent<unknown>> = [claudeCode, codex, gemini, opencode];

/** The agent of a record that names none (registries written before agents had names) and of `spawn` without `--agent`. */
export const DEFAULT_AGENT = AGENTS[0]!.id;

export function agentById(id: string): Agent<unknown> | undefined {
  return AGENTS.find((a) => a.id === id);
}

/** The agent a person named: its id or one of its words, any case. */
export function agentByWord(word: string): Agent<unknown> | undefined {
  const w = word.toLowerCase();
  return AGENTS.find((a) => a.id === w || a.words.includes(w));
}

export function agentIds(): string[] {
  return AGENTS.map((a) => a.id);
}

/**
 * The agents as a person names them in a phrase: `a (default), b or c`, by id or by first word; `both`: the word
 * with the id beside it where they differ (`word (id, the default) or other`), for help that serves the chat
 * (words) and the CLI (either) alike.
 */
export function agentChoices(o: { by: "id" | "word" | "both"; defaultId?: string } = { by: "id" }): string {
  const names = AGENTS.map((a) => {
    const word = a.words[0] ?? a.id;
    const isDefault = a.id === (o.defaultId ?? DEFAULT_AGENT);
    if (o.by === "both") {
      const notes = [...(word === a.id ? [] : [a.id]), ...(isDefault ? ["the default"] : [])];
      return notes.length ? `${word} (${notes.join(", ")})` : word;
    }
    const name = o.by === "word" ? word : a.id;
    return isDefault ? `${name} (default)` : name;
  });
  return names.length > 1 ? `${names.slice(0, -1).join(", ")} or ${names.at(-1)}` : names.join("");
}

/** The short word for an agent in a dashboard (its first chat word), or its id when it has no word. */
export function agentWord(id: string): string {
  return agentById(id)?.words[0] ?? id;
}
