// Who may act. Every door decides who is asking (owners per channel: doors/host/owners.ts; the CLI is the
// local user); the core still refuses to act for anyone a door did not establish as an owner.
import { WingmanError } from "../../api/errors.js";
import type { Actor } from "../../api/types.js";

export function mayAct(actor: Actor, what: string): void {
  if (!actor.authorized) throw new WingmanError("not_owner", `only the owner can ${what} (${actor.id} is not one)`);
}
