// The words on and around a notification's buttons (doors/host/buttons.ts sends and reads them): the labels,
// the high-risk confirm message, and what a pressed message is edited to.
import type { ActOutcome, RefusalFacts } from "../api/outcomes.js";
import type { PendingPrompt } from "../api/types.js";
import { describeRefusal } from "./outcomes.js";
import { short } from "./states.js";

export type ButtonAction = "approve" | "always" | "deny" | "confirm";

/** A high-risk prompt's Approve only asks for the Confirm that follows, hence the ellipsis. */
export function buttonLabel(action: ButtonAction, highRisk = false): string {
  switch (action) {
    case "approve":
      return highRisk ? "Approve…" : "Approve";
    case "always":
      return "Always";
    case "deny":
      return "Deny";
    case "confirm":
      return "Confirm";
  }
}

/** The second message a high-risk Approve… brings: what is at stake and how long Confirm counts. */
export function confirmText(session: string, p: PendingPrompt, windowMinutes: number): string {
  const what = p.tool ? `${p.tool}${p.detail ? `(${short(p.detail, 120)})` : ""}` : short(p.detail, 120);
  const why = p.riskReasons.length ? `: ${p.riskReasons.join(", ")}` : "";
  return `⚠️ ${session} ${p.id} is high risk${why}\n${what}\nPress Confirm within ${windowMinutes} minutes to approve it.`;
}

const hhmm = (d: Date) => `${String(d.getHours()).padStart(2, "0")}:${String(d.getMinutes()).padStart(2, "0")}`;

const PAST: Record<string, string> = {
  approved: "approved",
  always_allowed: "always allowed",
  denied: "denied",
  answered: "answered",
  trusted: "trusted",
};

/** The line a pressed message gains: "✓ approved by @ana at 14:02", or what happened to a stale prompt. */
export function pressedLine(o: ActOutcome, by: string, at: Date): string {
  if (!o.ok) return describeRefusal(o.facts);
  const verb = PAST[o.code] ?? o.code;
  return `✓ ${verb} by ${by} at ${hhmm(at)}`;
}

/** The message after a press: its text as it was (when the host gives it), then the outcome line. */
export function pressedText(original: string | undefined, line: string): string {
  return original?.trim() ? `${original.trim()}\n\n${line}` : line;
}

/** A Confirm pressed without a first press by the same person within the window. */
export function confirmExpiredFacts(session: string, id: string): RefusalFacts {
  return {
    why: "error",
    text: `${session} ${id}: Confirm counts only within 2 minutes of your own Approve…; press Approve… again`,
  };
}

/** The hint a quoted reply gets when its words are not an answer. */
export function quotedHint(kind: "prompt" | "question", highRisk: boolean): string {
  if (kind === "question") return "Reply to the question with an option's number or label.";
  return highRisk
    ? "Reply to this prompt with: yes confirm · no [what to do instead]"
    : "Reply to this prompt with: yes · always · no [what to do instead]";
}
