// Delivering a prompt so that it is really submitted, by Gemini's rules (measured; docs/gemini.md, "Text and
// submission"). Gemini reads keys against the input box as last DRAWN, not as typed so far:
// - a `?` or `!` typed while the box still counts as empty opens the shortcuts help or shell mode, and in a
//   burst of keys the box counts as empty until the first redraw, so `a?b` typed at once arrives as `ab`;
// - an Enter right behind a burst submits the box as last drawn (the start of the text, the rest lost), and
//   an Enter within 30 ms of a typed key is taken as a line feed (its paste guard).
// So: the first character goes alone; the rest once the box shows it; Enter only once the box shows the
// whole text, and a moment later. A text that STARTS with `!` or `?` is not typed at all (in an empty box
// they are commands, a `!` line runs in Gemini's shell without a dialog). Enter is retried only while the
// text still sits in the box and no dialog is up (agents/kit/submit.ts rules).
import { setTimeout as sleep } from "node:timers/promises";
import type { ScreenReading } from "../../api/types.js";
import type { PaneIO } from "../agent.js";
import { type Classify, pollScreen } from "../kit/poll.js";
import { MAX_ENTERS, stillTyped } from "../kit/submit.js";

const POLL_MS = 40;
/** After the whole text is drawn: longer than Gemini's 30 ms "fast Enter is a line feed" window. */
const ENTER_PAUSE_MS = 80;
/** How long one Enter has to take the text out of the box before the next is considered. */
const ENTER_WAIT_MS = 1500;

const squeeze = (s: string) => s.replace(/\s+/g, "");

/**
 * The end of `text` that the box does not show yet, when the box shows its start (compared without white
 * space, as the box wraps lines); null when the box shows anything else (then nothing more is typed).
 */
export function missingTail(text: string, box: string): string | null {
  const shown = squeeze(box);
  if (!shown || !squeeze(text).startsWith(shown)) return null;
  let seen = 0;
  for (let i = 0; i < text.length; i++) {
    if (/\s/.test(text[i]!)) continue;
    if (++seen === shown.length) return text.slice(i + 1);
  }
  return null;
}

export async function submitPrompt(
  io: PaneIO,
  classify: Classify,
  text: string,
): Promise<{ ok: boolean; enters: number; reading: ScreenReading }> {
  const first = Array.from(text)[0] ?? "";
  if (!first.trim() || first === "!" || first === "?")
    return { ok: false, enters: 0, reading: classify(await io.capture()) };
  const rest = text.slice(first.length);
  // The first key, too, can be lost while a resumed Gemini draws its earlier conversation: while the box
  // stays empty and nothing else came up, it is typed again (twice at most).
  for (let tries = 1; ; tries++) {
    await io.type(first);
    const shown = await pollScreen(io, classify, (r) => !!r.inputText || !!r.prompt, 2000, POLL_MS);
    if (shown.ok && shown.reading.inputText && !shown.reading.prompt) break;
    // A dialog came up, the character was taken as a command, or the box never showed it: stop here.
    const r = shown.reading;
    if (r.prompt || r.inputText || r.state !== "idle" || tries >= 3) return { ok: false, enters: 0, reading: r };
  }
  if (rest) {
    await io.type(rest);
    // Keys typed while Gemini redraws (right after a resume it draws the whole earlier conversation) can be
    // lost: the box then holds only the start of the text, and an Enter would submit that start alone (seen:
    // "S" for "SAY what was the word"). So the box is read back: what is missing from its end is typed again,
    // and Enter is pressed only once the box holds the whole text.
    for (let round = 0; ; round++) {
      const drawn = await pollScreen(
        io,
        classify,
        (r) => squeeze(r.inputText ?? "") === squeeze(text) || !!r.prompt,
        3000,
        POLL_MS,
      );
      if (drawn.ok) break;
      const missing = missingTail(text, drawn.reading.inputText ?? "");
      if (missing === null || round >= 2) return { ok: false, enters: 0, reading: drawn.reading };
      await io.type(missing);
    }
  }
  await sleep(ENTER_PAUSE_MS);
  let enters = 0;
  for (;;) {
    const before = classify(await io.capture());
    if (before.prompt || before.permissionPending) return { ok: false, enters, reading: before };
    await io.keys("Enter");
    enters++;
    const until = Date.now() + ENTER_WAIT_MS;
    let reading: ScreenReading;
    do {
      await sleep(POLL_MS);
      reading = classify(await io.capture());
      if (!stillTyped(reading, text)) return { ok: true, enters, reading };
    } while (Date.now() < until);
    if (reading.prompt || enters >= MAX_ENTERS) return { ok: false, enters, reading };
  }
}
