// The text rule: what a person or a tool hands to an agent (a prompt, a follow-up, a deny reason, a
// free-text answer) is text, never keys. It reaches the agent's input box through tmux as typed
// characters, so a carriage return would act as Enter (submitting whatever follows as a new prompt), an
// ESC would start a key sequence, and DEL would erase. One check, in the core, whatever door the text
// came through (CLI, /wm, plain text, assistant tools):
//   - line feeds are kept (both agents take a typed LF as a newline in the input box, not as Enter);
//   - a tab becomes one space (Tab is a key in both agents: it would toggle or complete);
//   - any other C0 control (U+0000–U+001F), DEL (U+007F) or C1 control (U+0080–U+009F) is refused, with
//     the character and its position, and nothing is typed.
// CRLF line endings are converted only where text comes from a file or stdin (the doors that read them),
// never here: a CR typed into an argument is refused like every other control character.
import { refusal } from "../../api/errors.js";
import type { TextPlace } from "../../api/outcomes.js";

/** The first forbidden character of `text`, or null. Positions count characters (code points) from 1. */
export function findControlChar(text: string): { char: string; codePoint: number; position: number } | null {
  let position = 0;
  for (const ch of text) {
    position++;
    const cp = ch.codePointAt(0)!;
    if (cp === 0x0a || cp === 0x09) continue;
    if (cp < 0x20 || cp === 0x7f || (cp >= 0x80 && cp <= 0x9f)) return { char: ch, codePoint: cp, position };
  }
  return null;
}

export function codePointName(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;
}

/**
 * Check and normalise text bound for an agent: throws `control_char` naming the first forbidden
 * character; otherwise returns the text with each tab as one space.
 */
export function agentText(text: string, place: TextPlace = "text"): string {
  const bad = findControlChar(text);
  if (bad)
    throw refusal("control_char", {
      why: "control_char",
      place,
      codePoint: codePointName(bad.codePoint),
      position: bad.position,
    });
  return text.replace(/\t/g, " ");
}
