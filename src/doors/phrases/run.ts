// A parsed phrase carried out and answered in chat text: what `/wm …` and OpenClaw's plain text do, so a
// phrase does the same thing on every front door (the mapping and the wording are shared: requests.ts, replies.ts).
import type { Actor } from "../../api/types.js";
import type { Wingman } from "../../core/wingman.js";
import type { Intent } from "./grammar.js";
import { replyText } from "./replies.js";
import { perform, requestOf } from "./requests.js";

export async function runIntent(w: Wingman, intent: Intent, actor: Actor, prefix = "/wm "): Promise<string> {
  return replyText(await perform(w, requestOf(intent), actor), { style: "chat", prefix });
}
