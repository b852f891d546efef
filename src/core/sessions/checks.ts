// Input checks shared by the session operations: names, text bound for an agent, folders.
import { errorMessage, refused, usage, WingmanError } from "../../api/errors.js";
import { assertValidName, quote } from "../store/names.js";
import { agentText, codePointName } from "./text.js";

export const MAX_TEXT = 8000;

/** A session name as typed; an invalid one is a refusal (exit 1), as the contract says. */
export function sessionName(name: string): string {
  try {
    return assertValidName(String(name ?? ""));
  } catch (e) {
    throw refused(errorMessage(e));
  }
}

/** The text rule (sessions/text.ts) and a length bound, for every text typed into an agent. */
export function checkText(text: string): string {
  if (typeof text !== "string") throw usage("text must be a string");
  if (text.length > MAX_TEXT) throw refused(`text too long (${text.length} characters; at most ${MAX_TEXT})`);
  return agentText(text);
}

/** Names and folders are never allowed control characters (a line feed in a folder name forged records). */
export function noControlChars(s: string, what: string): void {
  let position = 0;
  for (const ch of s) {
    position++;
    const cp = ch.codePointAt(0)!;
    if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) {
      throw new WingmanError("control_char", `${what} ${quote(s, 80)} contains a control character (${codePointName(cp)}) at position ${position}`);
    }
  }
}
