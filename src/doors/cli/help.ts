// `wingman help`, `wingman help CMD` and `wingman CMD --help`. A command's sentence and examples come from
// the chat grammar's table (grammar-table.ts), the one the phone's `/wm help` is made of: each example
// phrase is parsed by the chat parser and shown as the CLI line that makes the same request (argvOf), so
// help, chat and parser cannot drift apart. The CLI's own forms and options come from commands.ts.
import { AGENTS } from "../../agents/index.js";
import { GRAMMAR, parseCommand } from "../phrases/grammar.js";
import { requestOf } from "../phrases/requests.js";
import { argvOf, shellWord } from "./argv.js";
import { COMMANDS, type CliCommand, commandNamed, HELP_GROUPS } from "./commands.js";

/** `wingman` / `wingman help`: every command of the table (commands.ts), every form of each, by group. */
export function overview(version: string): string {
  const lines = [
    `wingman ${version}: run coding-agent sessions (${AGENTS.map((a) => a.label).join(", ")}) in tmux and answer their prompts`,
    "",
  ];
  for (const title of HELP_GROUPS) {
    lines.push(`${title}:`);
    for (const c of COMMANDS.filter((x) => x.group === title)) for (const u of c.usage) lines.push(`  wingman ${u}`);
  }
  lines.push(
    "",
    "Most commands take --json (errors too: { ok, error, message }). Global: --version, --help.",
    "Exit codes: 0 ok, 1 refused or failed, 2 usage error. State: $WINGMAN_STATE_DIR (see the README).",
    "More on one command: wingman help CMD (or wingman CMD --help).",
  );
  return lines.join("\n");
}

/** The chat examples of a grammar verb, as CLI lines making the same requests. */
export function examplesOf(c: CliCommand): string[] {
  const entry = c.verb ? GRAMMAR.find((e) => e.verb === c.verb) : undefined;
  if (!entry) return [];
  const out: string[] = [];
  for (const phrase of entry.examples) {
    const parsed = parseCommand(phrase);
    if (!parsed.ok) continue;
    const argv = argvOf(requestOf(parsed.intent));
    if (argv[0] !== c.name) continue;
    out.push(`wingman ${argv.map(shellWord).join(" ")}`);
  }
  return out;
}

/** One command in detail, or null when there is no such command. */
export function commandHelp(name: string): string | null {
  const c = commandNamed(name) ?? (name === "tell" ? commandNamed("send") : undefined);
  if (!c) return null;
  const entry = c.verb ? GRAMMAR.find((e) => e.verb === c.verb) : undefined;
  const lines = c.usage.map((u, i) => `${i === 0 ? "usage:" : "   or:"} wingman ${u}`);
  lines.push("", entry?.summary ?? c.summary ?? "");
  if (entry?.group === "prompt")
    lines.push("ID: the prompt's 4-character id; without it, the prompt you were last shown.");
  if (c.options.length) {
    lines.push("", "Options:");
    const flag = (o: CliCommand["options"][number]) => `--${o.name}${o.value ? ` ${o.value}` : ""}`;
    const w = Math.max(...c.options.map((o) => flag(o).length));
    for (const o of c.options) lines.push(`  ${flag(o).padEnd(w)}  ${o.help}`);
  }
  const examples = examplesOf(c);
  if (examples.length) {
    lines.push("", "Examples:");
    for (const e of examples) lines.push(`  ${e}`);
  }
  if (entry) lines.push("", `In chat: /wm ${entry.usage}`);
  return lines.join("\n");
}

export const COMMAND_NAMES = COMMANDS.map((c) => c.name);
