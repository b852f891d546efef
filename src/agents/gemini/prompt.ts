// Gemini CLI's dialogs read from the screen: a tool's approval ("Allow execution of [Shell]?"), the
// folder-trust question, a question the model asks (ask_user: "Answer Questions") and the first-run
// authentication choice. A dialog is a rounded box (`╭…╮` / `│ … │` / `╰…╯`) drawn last, in place of the
// input box; its options are `● 1. …` / `  2. …` rows, `●` on the highlighted one. Markers: docs/gemini.md,
// "Screens"; recordings in test/fixtures/gemini/.
import type { OptionRole, ParsedPrompt, PromptKind, PromptOption } from "../../api/types.js";

const BOX_TOP = /^\s?╭─+╮$/;
const BOX_BOTTOM = /^\s?╰─+╯$/;
const BOX_ROW = /^\s?│(.*)│$/;
/** `● 1. Allow once` / `  2. …`, indented deeper in some dialogs (`  ● 2. Use Gemini API Key`). */
const OPTION = /^\s*(●)?\s*(\d+)\.\s+(\S.*)$/;

/** The rows of the box that ends the screen, as inner text (border and one padding space dropped). */
function bottomBox(lines: string[]): { top: number; rows: string[] } | null {
  let end = lines.length - 1;
  while (end >= 0 && !lines[end]!.trim()) end--;
  if (end < 0 || !BOX_BOTTOM.test(lines[end]!)) return null;
  const rows: string[] = [];
  for (let i = end - 1; i >= 0; i--) {
    const l = lines[i]!;
    if (BOX_TOP.test(l)) return { top: i, rows: rows.reverse() };
    const m = BOX_ROW.exec(l);
    if (!m) return null;
    rows.push(m[1]!.replace(/^ /, "").trimEnd());
  }
  return null;
}

/** The lines of a box nested in the dialog (the command Gemini shows), unwrapped from their borders. */
function nestedBox(rows: string[], from: number): { lines: string[]; end: number } | null {
  if (!/^╭─+╮$/.test(rows[from] ?? "")) return null;
  const out: string[] = [];
  for (let i = from + 1; i < rows.length; i++) {
    const r = rows[i]!;
    if (/^╰─+╯$/.test(r)) return { lines: out, end: i };
    const m = /^│(.*)│$/.exec(r);
    if (!m) return null;
    out.push(m[1]!.replace(/^ /, "").trimEnd());
  }
  return null;
}

/** The dialog at the bottom of the screen, or null. `lines` are trimmed at the end. */
export function parseDialog(lines: string[]): ParsedPrompt | null {
  const box = bottomBox(lines);
  if (!box) return null;
  const { rows } = box;
  const text = rows.map((r) => r.trim());
  const kind = kindOf(text);
  if (!kind) return null;
  // Option rows, each followed by its description rows (deeper-indented, not an option) in a question.
  const parsed: Array<{ number: number; label: string; highlighted: boolean; description: string[] }> = [];
  let firstRow = -1;
  for (let i = 0; i < rows.length; i++) {
    const m = OPTION.exec(rows[i]!);
    if (m) {
      if (firstRow < 0) firstRow = i;
      parsed.push({ number: Number(m[2]), label: m[3]!.trim(), highlighted: m[1] === "●", description: [] });
      continue;
    }
    const last = parsed.at(-1);
    if (last && /^\s{4,}\S/.test(rows[i]!)) last.description.push(rows[i]!.trim());
    else if (last && rows[i]!.trim()) break;
  }
  if (kind !== "dialog" && (!parsed.length || parsed[0]!.number !== 1)) return null;
  const options: PromptOption[] = parsed.map((p) => {
    const { role, scope, freeText } = roleOf(p.label, kind);
    const o: PromptOption = { number: p.number, label: p.label, role, highlighted: p.highlighted };
    if (scope) o.scope = scope;
    if (freeText) o.freeText = true;
    if (p.description.length) o.description = p.description.join(" ");
    return o;
  });
  const body = text.slice(0, firstRow < 0 ? text.length : firstRow).filter(Boolean);
  const prompt: ParsedPrompt = { kind, question: "", tool: null, detail: null, options };
  if (kind === "tool") {
    const q = rows.findIndex(
      (r) => /^Allow execution of \[.+\]\?$/.test(r.trim()) || /^Apply this change\?$/.test(r.trim()),
    );
    prompt.question = rows[q]!.trim();
    const named = /^Allow execution of \[(.+)\]\?$/.exec(prompt.question)?.[1] ?? null;
    // The shell tool is reported as Bash, as Claude Code and Codex name theirs, so risk rules read it alike.
    prompt.tool = named === "Shell" ? "Bash" : named;
    // The command is the box Gemini nests above the question (its own drawing of the call's arguments).
    const at = rows.findIndex((r) => /^╭─+╮$/.test(r));
    const nested = at >= 0 && at < q ? nestedBox(rows, at) : null;
    prompt.detail = nested
      ? nested.lines
          .map((l) => l.trim())
          .filter(Boolean)
          .join("\n")
      : null;
    const header = text.find((t) => t.startsWith("? "));
    if (header) prompt.header = header.slice(2).replace(/\s{2,}/g, " ");
  } else if (kind === "trust") {
    prompt.question = "Do you trust the files in this folder?";
    prompt.header = "Folder trust";
    prompt.detail = /^Trust folder \((.+)\)$/.exec(options[0]?.label ?? "")?.[1] ?? null;
  } else if (kind === "question") {
    // "Answer Questions", then the question (one or more lines), then the options.
    prompt.header = body[0];
    prompt.question = body.slice(1).join(" ");
    prompt.detail = prompt.question;
  } else {
    prompt.header = body[0];
    prompt.question = body.find((t) => /\?$/.test(t)) ?? body[0] ?? "";
    prompt.detail = prompt.question;
  }
  return prompt;
}

function kindOf(text: string[]): PromptKind | null {
  if (text.some((t) => /^Allow execution of \[.+\]\?$/.test(t) || t === "Apply this change?")) return "tool";
  if (text.includes("Do you trust the files in this folder?")) return "trust";
  if (text[0] === "Answer Questions" && text.some((t) => /^Enter to select\b/.test(t))) return "question";
  // First run: the authentication choice and the API-key box.
  if (text.some((t) => /^How would you like to authenticate\b/.test(t) || t === "Enter Gemini API Key"))
    return "dialog";
  return null;
}

export function roleOf(label: string, kind: PromptKind): { role: OptionRole; scope?: string; freeText?: boolean } {
  if (kind === "tool") {
    if (/^Allow once\b/.test(label)) return { role: "once" };
    // Gemini's "always" lasts as long as the session (it is not written to a file).
    if (/^Allow for this session\b/.test(label)) return { role: "always", scope: "this session" };
    if (/^Allow for all future sessions\b/.test(label)) return { role: "other" };
    if (/^No\b/.test(label)) return { role: "no" };
    return { role: "other" };
  }
  if (kind === "trust") return { role: /^Don.t trust\b/.test(label) ? "no" : "other" };
  if (kind === "question" && /^Enter a custom value$/.test(label)) return { role: "other", freeText: true };
  return { role: "other" };
}

/** An option's own key: Gemini selects a numbered row when its digit is pressed. */
export function optionKey(o: PromptOption): string | null {
  return o.number !== null && o.number >= 1 && o.number <= 9 ? String(o.number) : null;
}
