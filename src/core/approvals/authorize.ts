// Who may act. Every door decides who is asking (owners per channel: doors/host/owners.ts; the CLI is the
// local user); the core still refuses to act for anyone a door did not establish as an owner. One rule for
// every operation (spawn, tell, the answers, kill, resume): the same check, the same refusal.
import { refusal } from "../../api/errors.js";
import type { Deed, RefusalFacts } from "../../api/outcomes.js";
import type { Actor } from "../../api/types.js";

/** The refusal when `actor` may not do `deed`, else null. Pure. */
export function ownerRule(actor: Actor, deed: Deed): Extract<RefusalFacts, { why: "not_owner" }> | null {
  return actor.authorized ? null : { why: "not_owner", actor: actor.id, deed };
}

/** The owner rule where a refusal ends the operation at once (thrown, returned as the outcome by the core). */
export function mayAct(actor: Actor, deed: Deed): void {
  const no = ownerRule(actor, deed);
  if (no) throw refusal("not_owner", no);
}
