// A session as every front door shows it (`status --json`), built from its record: every text redacted.
import { redactPrompt, redactSecrets } from "../../api/redact.js";
import type { SessionView } from "../../api/types.js";
import { publicPending, type StoredPending } from "../approvals/pending.js";
import type { SessionRecord } from "../store/registry.js";
import { heldOf } from "../usage/budget.js";

/** `runningTool`: what the agent's signals say is running now (`Bash(npm test)`), if anything. */
export function viewOf(rec: SessionRecord, detail: string, runningTool?: string): SessionView {
  const last = rec.prompts[rec.prompts.length - 1];
  const view: SessionView = {
    name: rec.name,
    workdir: rec.workdir,
    agent: rec.agent,
    host: rec.host ?? null,
    state: rec.lastState ?? "unknown",
    detail: detail ? redactSecrets(detail) : undefined,
    // Every text field of the prompt is redacted; id, fingerprint, risk, roles, numbers and order are kept, so
    // an answer chosen on this view picks the same row. The screen is checked against the stored prompt.
    pending: rec.pending ? redactPrompt(publicPending(rec.pending as StoredPending)!) : null,
    createdAt: rec.createdAt,
    lastActivityAt: rec.lastActivityAt,
    worktree: rec.worktree ?? null,
    queued: rec.queue?.length ?? 0,
  };
  if (rec.stateReason) view.stateReason = redactSecrets(rec.stateReason);
  if (rec.agentSessionId) view.agentSessionId = rec.agentSessionId;
  if (rec.resumeCommand) view.resumeCommand = redactSecrets(rec.resumeCommand);
  if (last) view.lastPrompt = redactSecrets(last.text);
  if (rec.lastMessage) view.lastMessage = redactSecrets(rec.lastMessage);
  if (runningTool && view.state === "working") view.currentTool = redactSecrets(runningTool);
  if (rec.progress) view.progress = rec.progress;
  if (rec.endedAt) view.endedAt = rec.endedAt;
  if (rec.createdBy) view.createdBy = rec.createdBy;
  if (rec.autoApproved) view.autoApproved = rec.autoApproved;
  if (rec.model) view.model = rec.model;
  if (rec.adopted) Object.assign(view, { adopted: true, target: rec.adopted.target });
  const held = heldOf(rec);
  if (held) view.held = { id: held.id, kind: held.kind, text: redactSecrets(held.text), scope: held.scope };
  return view;
}
