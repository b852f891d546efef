// Delivering a prompt so that it is really submitted: text typed literally, a pause (an agent may take a
// long text and its Enter in one burst as a paste), Enter as its own key, then a check. Enter is retried
// only while the typed text still sits in the input box and no dialog is up: an Enter must never land on
// a dialog. How long to pause and how often to look are the agent's (its submit.ts).
import { setTimeout as sleep } from "node:timers/promises";
import type { ScreenReading } from "../../api/types.js";
import type { PaneIO } from "../agent.js";
import type { Classify } from "./poll.js";

/** At most this many Enters for one text (the first and two retries). */
export const MAX_ENTERS = 3;
/** How long one Enter has to take the text out of the input box before the next is considered. */
const ENTER_WAIT_MS = 1500;

const squeeze = (s: string) => s.replace(/\s+/g, "");

/** Whether the input box still holds (the start of) what was typed. */
export function stillTyped(reading: ScreenReading, text: string): boolean {
  const head = squeeze(text).slice(0, 24);
  return head.length > 0 && squeeze(reading.inputText ?? "").includes(head);
}

export interface SubmitTiming {
  /** Between the text and its Enter. */
  typePauseMs: number;
  /** Between two looks at the input box. */
  pollMs: number;
}

export async function submitText(
  io: PaneIO,
  classify: Classify,
  text: string,
  timing: SubmitTiming,
): Promise<{ ok: boolean; enters: number; reading: ScreenReading }> {
  await io.type(text);
  await sleep(timing.typePauseMs);
  await io.keys("Enter");
  let enters = 1;
  for (;;) {
    const until = Date.now() + ENTER_WAIT_MS;
    let reading: ScreenReading;
    do {
      await sleep(timing.pollMs);
      reading = classify(await io.capture());
      if (!stillTyped(reading, text)) return { ok: true, enters, reading };
    } while (Date.now() < until);
    const dialogUp = !!reading.prompt || !!reading.permissionPending;
    if (dialogUp || enters >= MAX_ENTERS) return { ok: false, enters, reading };
    await io.keys("Enter");
    enters++;
  }
}
