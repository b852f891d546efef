// Whether an exited session can be resumed: its agent reported a conversation id and at least one turn
// happened. An agent started and left without a prompt has an id but nothing to continue (the agent then
// refuses to resume it), so such a session is not offered for resume.
import type { SessionRecord } from "../store/registry.js";

export function hasConversation(rec: SessionRecord): boolean {
  return !!rec.agentSessionId && (rec.prompts.length > 0 || !!rec.lastMessage);
}
