// Codex's dialogs read from the screen: the approval dialog ("Would you like to run the following
// command?"), the folder-trust question and the "Hooks need review" screen. A dialog replaces the composer
// and ends with a key-hint footer; its options are `› 1. …` / `  2. …` rows, a long label wrapped onto
// deeper-indented lines. Markers: docs/codex.md, "Screens"; recordings in test/fixtures/codex/.
import type { OptionRole, ParsedPrompt, PromptKind, PromptOption } from "../../api/types.js";

/** The last line of every dialog: its key hints. */
export const DIALOG_FOOTER = /^\s{2}(Press enter to confirm or esc to cancel|enter continue · esc back|enter confirm · esc skip)\s*$/;
const OPTION = /^(›|\s)\s(\d+)\.\s(.*)$/;
/** A line drawn at column 0 (a history item: `• Running …`, `› prompt`) ends the dialog upwards. */
const HISTORY_ITEM = /^[^\s]/;

/** The dialog at the bottom of the screen, or null. `lines` are trimmed at the end. */
export function parseDialog(lines: string[]): ParsedPrompt | null {
  let end = lines.length - 1;
  while (end >= 0 && !lines[end]!.trim()) end--;
  if (end < 0 || !DIALOG_FOOTER.test(lines[end]!)) return null;
  // Option rows directly above the footer (blank lines and wrapped continuations between them).
  const rows: Array<{ number: number; parts: string[]; highlighted: boolean }> = [];
  let i = end - 1;
  let firstRow = -1;
  const pending: string[] = [];
  for (; i >= 0; i--) {
    const l = lines[i]!;
    const m = OPTION.exec(l);
    if (m) {
      rows.unshift({ number: Number(m[2]), parts: [m[3]!.trim(), ...pending.reverse()], highlighted: m[1] === "›" });
      pending.length = 0;
      firstRow = i;
      continue;
    }
    if (!l.trim()) {
      if (rows.length) break;
      continue;
    }
    // A wrapped label: deeper than the row's text column (5 spaces in 0.171.0).
    if (/^\s{4,}\S/.test(l)) pending.push(l.trim());
    else if (rows.length) break;
    else return null;
  }
  if (!rows.length || rows[0]!.number !== 1) return null;
  // The dialog body: up from the first option row to a history item or the top of the screen.
  let start = firstRow - 1;
  while (start >= 0 && !HISTORY_ITEM.test(lines[start]!)) start--;
  const body = lines.slice(start + 1, firstRow).map((l) => l.trim()).filter(Boolean);
  const text = body.join("\n");
  const kind = kindOf(text);
  if (!kind) return null;
  const options: PromptOption[] = rows.map((r) => toOption(r.number, joinWrapped(r.parts), r.highlighted, kind));
  const prompt: ParsedPrompt = { kind, question: questionOf(kind, body), tool: null, detail: null, options };
  if (kind === "tool") {
    const cmd = commandOf(body);
    prompt.tool = cmd !== null ? "Bash" : null;
    prompt.detail = cmd ?? (body.find((l) => l.startsWith("$ ") || l.startsWith("Path: ")) ?? null);
    // The justification, wrapped onto lines of its own down to the command.
    const r = body.findIndex((l) => l.startsWith("Reason: "));
    const cmdAt = body.findIndex((l) => l.startsWith("$ "));
    if (r >= 0) prompt.body = joinWrapped(body.slice(r, cmdAt > r ? cmdAt : r + 1));
    const header = start >= 0 ? lines[start]!.replace(/^[•◦]\s*/, "").trim() : "";
    if (header) prompt.header = header;
  } else if (kind === "trust") {
    const i = body.indexOf("Folder access");
    prompt.detail = i >= 0 ? (body[i + 1] ?? null) : null;
    prompt.header = "Folder access";
  } else {
    prompt.header = body[0];
    prompt.detail = body[1] ?? body[0] ?? null;
  }
  return prompt;
}

/** A label wrapped by Codex: a break after a hyphen lost nothing, a break at a space lost the space. */
function joinWrapped(parts: string[]): string {
  return parts.reduce((acc, p) => (acc.endsWith("-") ? acc + p : `${acc} ${p}`));
}

function kindOf(text: string): PromptKind | null {
  if (/^Trust this folder\?/m.test(text)) return "trust";
  if (/^Would you like to /m.test(text)) return "tool";
  if (/^Hooks need review$/m.test(text)) return "dialog";
  return null;
}

function questionOf(kind: PromptKind, body: string[]): string {
  if (kind === "trust") return "Trust this folder?";
  if (kind === "tool") return body.find((l) => /^Would you like to /.test(l)) ?? "";
  return body[0] ?? "";
}

/** The command of an approval: the `$ …` line and what wraps below it, up to the options. */
function commandOf(body: string[]): string | null {
  const at = body.findIndex((l) => l.startsWith("$ "));
  if (at < 0) return null;
  return joinWrapped([body[at]!.slice(2), ...body.slice(at + 1)]).trim();
}

function toOption(number: number, label: string, highlighted: boolean, kind: PromptKind): PromptOption {
  const { role, scope } = roleOf(label, kind);
  const o: PromptOption = { number, label, role, highlighted };
  if (scope) o.scope = scope;
  // The letter in parentheses at the end of an approval option is its key (y, p, esc).
  const key = kind === "tool" ? /\((y|p|a|n|esc)\)$/.exec(label)?.[1] : undefined;
  if (key) o.key = key === "esc" ? "Escape" : key;
  return o;
}

export function roleOf(label: string, kind: PromptKind): { role: OptionRole; scope?: string } {
  if (kind === "tool") {
    const always = /^Yes, and don.t ask again for commands that start with `(.+)`/.exec(label);
    if (always) return { role: "always", scope: always[1]! };
    if (/^Yes, and don.t ask again\b/.test(label)) return { role: "always", scope: label.replace(/\s*\(\w+\)$/, "").replace(/^Yes, and don.t ask again (for )?/, "") };
    if (/^Yes, proceed\b/.test(label)) return { role: "once" };
    if (/^No\b/.test(label)) return { role: "no" };
    return { role: "other" };
  }
  // Skipping repository hooks is the safe "no"; trusting them all is never a plain approve.
  if (kind === "dialog" && /^Continue without trusting/.test(label)) return { role: "no" };
  return { role: "other" };
}
