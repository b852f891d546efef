// Codex's dialogs read from the screen: the approval dialog ("Would you like to run the following
// command?"), the folder-trust question and the "Hooks need review" screen. A dialog replaces the composer
// and ends with a key-hint footer; its options are `› 1. …` / `  2. …` rows, a long label wrapped onto
// deeper-indented lines. Markers: docs/codex.md, "Screens"; recordings in test/fixtures/codex/.
import type { OptionRole, ParsedPrompt, PromptKind, PromptOption } from "../../api/types.js";

/** The last line of every dialog: its key hints. */
export const DIALOG_FOOTER =
  /^\s{2}(Press enter to confirm or esc to cancel|enter continue · esc back|enter confirm · esc skip)\s*$/;
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
  const body = lines
    .slice(start + 1, firstRow)
    .map((l) => l.trim())
    .filter(Boolean);
  const text = body.join("\n");
  const kind = kindOf(text);
  if (!kind) return null;
  const options: PromptOption[] = rows.map((r) => toOption(r.number, joinWrapped(r.parts), r.highlighted, kind));
  const prompt: ParsedPrompt = { kind, question: questionOf(kind, body), tool: null, detail: null, options };
  if (kind === "tool") {
    const region = commandRegion(lines, start + 1, firstRow);
    prompt.tool = region ? "Bash" : null;
    prompt.detail = region?.command ?? body.find((l) => l.startsWith("Path: ")) ?? null;
    // The justification (model-supplied text), wrapped onto lines of its own down to the command region.
    const from = lines.findIndex((l, i) => i > start && i < firstRow && l.trim().startsWith("Reason: "));
    if (from >= 0) {
      const reason = lines
        .slice(from, region ? region.at : firstRow)
        .map((l) => l.trim())
        .filter(Boolean);
      prompt.body = joinWrapped(reason);
    }
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

/** Paragraphs of the dialog that are Codex's own labels, never part of the command. */
const LABELS = /^(Would you like to |Environment: |Reason: )/;

/**
 * The command of an approval, read from its own region: Codex draws it last, as a paragraph starting with
 * `$ `, right above the options (blank lines between paragraphs; docs/codex.md, "Screens"). The `Reason:`
 * paragraph above it is the model's text and may itself hold a line starting with `$ `: so the region is
 * found from the options upwards (the nearest `$ ` paragraph), never as "the first `$ ` line". A command
 * drawn over several paragraphs (blank lines inside it) keeps them apart as line feeds, so it reads as
 * several commands. `at`: the region's first line. Null when no such paragraph comes before a label.
 */
function commandRegion(lines: string[], top: number, bottom: number): { command: string; at: number } | null {
  const paragraphs: Array<{ at: number; lines: string[] }> = [];
  let cur: { at: number; lines: string[] } | null = null;
  for (let i = bottom - 1; i >= top; i--) {
    const l = lines[i]!.trim();
    if (!l) {
      if (cur) paragraphs.push(cur);
      cur = null;
      continue;
    }
    cur ??= { at: i, lines: [] };
    cur.lines.unshift(l);
    cur.at = i;
  }
  if (cur) paragraphs.push(cur);
  // paragraphs: bottom first.
  for (let k = 0; k < paragraphs.length; k++) {
    const first = paragraphs[k]!.lines[0]!;
    if (LABELS.test(first)) return null;
    if (!first.startsWith("$ ")) continue;
    const region = paragraphs.slice(0, k + 1).reverse();
    const text = region
      .map((p, j) => joinWrapped(j === 0 ? [p.lines[0]!.slice(2), ...p.lines.slice(1)] : p.lines))
      .join("\n");
    return { command: text.trim(), at: paragraphs[k]!.at };
  }
  return null;
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
    if (/^Yes, and don.t ask again\b/.test(label))
      return {
        role: "always",
        scope: label.replace(/\s*\(\w+\)$/, "").replace(/^Yes, and don.t ask again (for )?/, ""),
      };
    if (/^Yes, proceed\b/.test(label)) return { role: "once" };
    if (/^No\b/.test(label)) return { role: "no" };
    return { role: "other" };
  }
  // Skipping repository hooks is the safe "no"; trusting them all is never a plain approve.
  if (kind === "dialog" && /^Continue without trusting/.test(label)) return { role: "no" };
  return { role: "other" };
}
