// What the page is sent: the sessions as the dashboard shows them (sorted, with state look and totals), each
// pending prompt with the buttons the chat would offer (format/prompt.ts replyLines, as buttons), and for one
// session its screen as styled runs plus its history and audit lines. Views are redacted by the core; the
// history and audit texts are redacted here, as every door does before text leaves.
import { isWingmanError } from "../../api/errors.js";
import { redactSecrets } from "../../api/redact.js";
import type { PendingPrompt, SessionView } from "../../api/types.js";
import type { AuditEntry, HistoryEntry } from "../../api/wingman-api.js";
import type { Wingman } from "../../core/wingman.js";
import { sortForDashboard, totalsLine } from "../../format/dashboard.js";
import { refusalText } from "../../format/outcomes.js";
import { STATE_LOOK } from "../../format/states.js";
import { ansiToLines, type Run } from "./ansi.js";

/** One button of a pending prompt: pressing it POSTs `respond` with these fields and the prompt's id. */
export interface PromptButton {
  action: "approve" | "always" | "deny" | "trust" | "answer";
  label: string;
  /** answer: the choice sent (an option's number as shown, else its label). */
  choice?: string;
  /** always: exactly what it grants. */
  scope?: string;
  /** A high-risk approve: the first press arms it, the second sends `confirm`. */
  confirm?: boolean;
}

export interface PageSession extends SessionView {
  look: { emoji: string; label: string; needsPerson: boolean };
  buttons: PromptButton[];
  /** The prompt takes a free-text answer ("Type something") or a deny reason. */
  freeText: boolean;
}

export interface PageStatus {
  ok: true;
  now: string;
  totals: string;
  sessions: PageSession[];
}

/** The buttons for a prompt, the same choices as the chat's reply lines (format/prompt.ts). */
export function buttonsFor(p: PendingPrompt): PromptButton[] {
  if (p.kind === "trust") return [{ action: "trust", label: "Trust this folder" }];
  const choice = (o: PendingPrompt["options"][number]) => (o.number !== null ? String(o.number) : o.label);
  if (p.kind === "question") {
    return p.options.filter((o) => !o.freeText).map((o) => ({ action: "answer", label: o.label, choice: choice(o) }));
  }
  if (p.optionsPending)
    return [
      { action: "approve", label: "Approve", confirm: p.risk === "high" },
      { action: "deny", label: "Deny" },
    ];
  const out: PromptButton[] = [];
  for (const o of p.options) {
    if (o.role === "once")
      out.push({
        action: "approve",
        label: p.risk === "high" ? "Approve (high risk)" : "Approve",
        confirm: p.risk === "high",
      });
    else if (o.role === "always" && p.risk !== "high")
      out.push({ action: "always", label: "Always allow", ...(o.scope ? { scope: o.scope } : {}) });
    else if (o.role === "no") out.push({ action: "deny", label: "Deny" });
  }
  if (!out.length) for (const o of p.options) out.push({ action: "answer", label: o.label, choice: choice(o) });
  return out;
}

export function pageSession(v: SessionView): PageSession {
  const look = STATE_LOOK[v.state];
  const p = v.pending;
  return {
    ...v,
    look: { emoji: look.emoji, label: look.label, needsPerson: look.needsPerson },
    buttons: p ? buttonsFor(p) : [],
    freeText: !!p && (p.options.some((o) => o.freeText) || p.options.some((o) => o.role === "no")),
  };
}

export async function pageStatus(w: Wingman): Promise<PageStatus> {
  const views = await w.status();
  return {
    ok: true,
    now: new Date().toISOString(),
    totals: totalsLine(views),
    sessions: sortForDashboard(views).map(pageSession),
  };
}

export interface PageDetail {
  ok: true;
  session: PageSession;
  /** The visible screen as styled runs; null when the session has no screen (exited). */
  screen: Run[][] | null;
  screenNote?: string;
  history: HistoryEntry[];
  audit: AuditEntry[];
}

const redactEntry = <T extends object>(e: T, fields: Array<keyof T>): T => {
  const out = { ...e };
  for (const f of fields)
    if (typeof out[f] === "string") (out as Record<keyof T, unknown>)[f] = redactSecrets(out[f] as string);
  return out;
};

/** Null when there is no such session. */
export async function pageDetail(w: Wingman, name: string): Promise<PageDetail | null> {
  // status (not refresh): the session's usage as last read comes with it (docs/usage.md); no record is read here.
  const views = await w.status(name).catch((e: unknown) => {
    if (isWingmanError(e) && e.code === "not_found") return [];
    throw e;
  });
  const v = views[0];
  if (!v) return null;
  return { ok: true, session: pageSession(v), ...(await pageScreen(w, name)), ...(await pageJournal(w, name)) };
}

export async function pageScreen(w: Wingman, name: string): Promise<{ screen: Run[][] | null; screenNote?: string }> {
  const s = await w.screen(name);
  return s.ok ? { screen: ansiToLines(s.facts.text) } : { screen: null, screenNote: refusalText(s.facts) };
}

export async function pageJournal(w: Wingman, name: string): Promise<{ history: HistoryEntry[]; audit: AuditEntry[] }> {
  const h = await w.history(200);
  const a = await w.audit(500);
  return {
    history: h.entries
      .filter((e) => e.session === name)
      .slice(-30)
      .map((e) => redactEntry(e, ["detail", "by", "workdir"])),
    audit: a
      .filter((e) => e.session === name)
      .slice(-30)
      .map((e) => redactEntry(e, ["message", "option", "actor"])),
  };
}
