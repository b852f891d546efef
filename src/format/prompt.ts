// A pending prompt as the phone shows it: what is asked, the options, and the exact reply lines.
import { shownNumber } from "../api/option-numbers.js";
import type { PendingPrompt } from "../api/types.js";
import { short, type Style } from "./states.js";

/** The reply lines a person can send for this prompt, each one exact. */
export function replyLines(session: string, p: PendingPrompt): string[] {
  const id = p.id;
  if (p.kind === "trust") return [`trust ${session}`];
  if (p.kind === "question") {
    const lines = [p.multiSelect ? `answer ${session} ${id} 1 3` : `answer ${session} ${id} 1`];
    if (p.options.some((o) => o.freeText)) lines.push(`answer ${session} ${id} "your own answer"`);
    return lines;
  }
  const roles = new Set(p.options.map((o) => o.role));
  const lines: string[] = [];
  if (roles.has("once"))
    lines.push(p.risk === "high" ? `approve ${session} ${id} confirm` : `approve ${session} ${id}`);
  if (roles.has("always") && p.risk !== "high") lines.push(`always ${session} ${id}`);
  if (roles.has("no")) lines.push(`deny ${session} ${id} [what to do instead]`);
  if (!lines.length || p.optionsPending) {
    if (p.optionsPending) return [`approve ${session} ${id}`, `deny ${session} ${id}`];
    lines.push(`answer ${session} ${id} NUMBER`);
  }
  return lines;
}

export function formatPrompt(session: string, p: PendingPrompt, opts: { style?: Style } = {}): string {
  const chat = (opts.style ?? "chat") === "chat";
  const b = (s: string) => (chat ? `*${s}*` : s);
  const out: string[] = [];
  const what = p.tool ? `${p.tool}${p.detail ? `(${short(p.detail, 160)})` : ""}` : short(p.detail, 160);
  if (p.kind === "trust") out.push(`${b(session)} asks to trust the folder ${short(p.detail, 120) || ""}`.trim());
  else if (p.kind === "question") out.push(`${b(session)} asks: ${short(p.question, 200)}`);
  else {
    if (what) out.push(what);
    if (p.question) out.push(short(p.question, 160));
  }
  if (p.risk === "high") out.push(`⚠️ high risk: ${p.riskReasons.join(", ")}`);
  if (p.optionsPending) out.push("(options not shown yet: the dialog is still being drawn)");
  else {
    for (const [i, o] of p.options.entries()) {
      // Numbered as shown: an agent that draws no numbers gets 1..n here (api/option-numbers.ts).
      const shown = shownNumber(p.options, i);
      const n = shown !== null ? `${shown}. ` : "• ";
      const tick = o.checked === undefined ? "" : o.checked ? "[x] " : "[ ] ";
      let line = `${n}${tick}${short(o.label, 120)}`;
      if (o.role === "always" && o.scope) line += ` → always allows: "${o.scope}"`;
      if (o.description) line += ` — ${short(o.description, 100)}`;
      out.push(line);
    }
  }
  out.push(`Reply (${p.id}):`);
  for (const l of replyLines(session, p)) out.push(`  ${l}`);
  return out.join("\n");
}
