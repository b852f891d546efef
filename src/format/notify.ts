// Notification texts, short enough for a phone. The monitor builds one per event; the same text goes to
// WhatsApp and into `wingman monitor --json` as `text`.
import { money, tokens } from "./usage.js";
import type { TurnUsage } from "../api/usage.js";
import type { Notification } from "../api/notify.js";
import { redactPrompt, redactSecrets } from "../api/redact.js";
import type { SessionView } from "../api/types.js";
import { printable } from "./printable.js";
import { formatPrompt, replyLines } from "./prompt.js";
import { short, shortPath } from "./states.js";
import { changesSummaryLine } from "./changes.js";

export type NotificationInput = Omit<Notification, "text"> & {
  text?: string;
  view?: SessionView;
  views?: SessionView[];
};

const MAX = 700;

function cap(text: string): string {
  return text.length > MAX ? `${text.slice(0, MAX - 1)}…` : text;
}

/**
 * Every field a notification is built from is redacted first (views already are; this also covers a caller
 * that hands raw fields), then the text is cut, then redacted once more as a whole, then kept to printable
 * characters and line feeds (an agent's text may hold terminal controls: format/printable.ts).
 */
export function formatNotification(input: NotificationInput): string {
  return printable(redactSecrets(compose(redactInput(input))));
}

function redactView(v: SessionView): SessionView {
  const out: SessionView = {
    ...v,
    workdir: redactSecrets(v.workdir),
    pending: v.pending ? redactPrompt(v.pending) : null,
  };
  for (const f of ["detail", "stateReason", "resumeCommand", "lastMessage", "lastPrompt", "currentTool"] as const) {
    const x = v[f];
    if (x) out[f] = redactSecrets(x);
  }
  return out;
}

function redactInput(n: NotificationInput): NotificationInput {
  const out: NotificationInput = { ...n };
  if (n.pending) out.pending = redactPrompt(n.pending);
  if (n.stateReason) out.stateReason = redactSecrets(n.stateReason);
  if (n.lastMessage) out.lastMessage = redactSecrets(n.lastMessage);
  if (n.view) out.view = redactView(n.view);
  if (n.views) out.views = n.views.map(redactView);
  return out;
}

function compose(n: NotificationInput): string {
  const s = n.session ?? "";
  const p = n.pending ?? n.view?.pending ?? null;
  // The complete notification that follows one sent before the options were drawn (same id).
  const upd = n.update ? " (its options, now drawn)" : "";
  switch (n.type) {
    case "approval_needed":
      return cap(`🔒 *${s}* needs approval${upd}\n${p ? formatPrompt(s, p) : ""}`.trim());
    case "question":
      return cap(`❓ *${s}* has a question${upd}\n${p ? formatPrompt(s, p) : ""}`.trim());
    case "dialog":
      return cap(`❓ *${s}* is waiting on a dialog${upd}\n${p ? formatPrompt(s, p) : ""}`.trim());
    case "trust_prompt":
      return cap(
        `🔐 *${s}* asks whether to trust ${shortPath(n.view?.workdir ?? p?.detail ?? "its folder", 60)}\nReply: trust ${s}`,
      );
    case "error":
      return cap(
        `❌ *${s}* stopped on an API error (${n.stateReason ?? "other"})${n.view?.detail ? `\n${short(n.view.detail, 200)}` : ""}\nReply: tell ${s} TEXT to try again · status ${s}`,
      );
    case "finished":
      return cap(
        `✅ *${s}* finished${n.turnUsage ? ` · ${turnCost(n.turnUsage)}` : ""}${n.changes ? `\n${changesSummaryLine(n.changes)}` : ""}${n.lastMessage ? `\n${short(n.lastMessage, 240)}` : ""}\nReply: tell ${s} TEXT · ${n.changes ? `changes ${s}` : `status ${s}`}`,
      );
    case "exited":
      return cap(
        `⏹ *${s}* exited${n.stateReason ? ` (${n.stateReason})` : ""}${n.view?.resumeCommand ? `\nResume: ${n.view.resumeCommand}` : ""}`,
      );
    case "stalled":
      return cap(
        `🐢 *${s}* shows no change while working${n.view?.detail ? ` (${short(n.view.detail, 80)})` : ""}\nReply: output ${s} · status ${s}`,
      );
    case "reminder":
      return cap(
        `⏰ Reminder${n.count && n.count > 1 ? ` #${n.count}` : ""}: *${s}* is still waiting\n${p ? formatPrompt(s, p) : ""}`.trim(),
      );
    case "digest": {
      const views = n.views ?? [];
      // The flood cap's digest (core/monitor/flood.ts) says how many messages it stands for.
      const lines = n.folded
        ? [
            `🧺 ${n.folded} more notification${n.folded === 1 ? "" : "s"} in the last minute, held back (over 6 a minute for one session or 20 in all)${views.length ? "; still waiting:" : ""}`,
          ]
        : [`⏰ ${views.length} sessions waiting:`];
      for (const v of views) {
        if (!v.pending) continue;
        const what = v.pending.tool
          ? `${v.pending.tool}(${short(v.pending.detail, 40)})`
          : short(v.pending.question, 48);
        lines.push(`• *${v.name}* ${v.pending.id} · ${what}\n  ↳ ${replyLines(v.name, v.pending)[0]}`);
      }
      if (n.folded) lines.push("Reply: status");
      return cap(lines.join("\n"));
    }
    case "host_down":
      return cap(
        `📡 Host *${n.host ?? "?"}* does not answer: its sessions show as unknown; answers to them wait until it is back${n.stateReason ? `\n${short(n.stateReason, 200)}` : ""}`,
      );
    case "host_back":
      return cap(`📡 Host *${n.host ?? "?"}* answers again\nReply: status`);
    case "budget":
      return cap(
        `💸 ${n.scope === "day" ? "Today's spend" : `*${s}*`} reached ${n.pct}% of its budget: ${money(n.costUsd)} of ${money(n.limitUsd)}\nReply: usage${n.scope === "day" ? "" : ` ${s}`}`,
      );
  }
}

/** A turn's cost for the "finished" line: `$0.03` or its tokens when the model has no price. */
function turnCost(u: TurnUsage): string {
  return u.costUsd !== null
    ? `${money(u.costUsd)} this turn`
    : `${tokens(u.inputTokens + u.outputTokens)} tokens this turn`;
}

/** The monitor's `describe`: a notification's text from its fields and the sessions it is about. */
export function describeNotification(n: Omit<Notification, "text">, view?: SessionView, views?: SessionView[]): string {
  return formatNotification({ ...n, view, views });
}
