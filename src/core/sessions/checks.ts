// Input checks shared by the session operations: names, text bound for an agent, folders.
import { refusal } from "../../api/errors.js";
import type { TextPlace } from "../../api/outcomes.js";
import { isValidName, NAME_RULE } from "../store/names.js";
import { agentText, codePointName } from "./text.js";

export const MAX_TEXT = 8000;

/** A session name as typed; an invalid one is a refusal (exit 1), as the contract says. */
export function sessionName(name: string): string {
  const n = String(name ?? "");
  if (!isValidName(n)) throw refusal("refused", { why: "bad_name", name: n.slice(0, 80), rule: NAME_RULE });
  return n;
}

/** The text rule (sessions/text.ts) and a length bound, for every text typed into an agent. */
export function checkText(text: string): string {
  if (typeof text !== "string") throw refusal("usage", { why: "nothing_to_send" });
  if (text.length > MAX_TEXT) throw refusal("refused", { why: "too_long", length: text.length, max: MAX_TEXT });
  return agentText(text);
}

/** Names and folders are never allowed control characters (a line feed in a folder name forged records). */
export function noControlChars(s: string, place: TextPlace): void {
  let position = 0;
  for (const ch of s) {
    position++;
    const cp = ch.codePointAt(0)!;
    if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) {
      throw refusal("control_char", {
        why: "control_char",
        place,
        codePoint: codePointName(cp),
        position,
        value: s.slice(0, 200),
      });
    }
  }
}
