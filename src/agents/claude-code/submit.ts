// Delivering a prompt so that it is really submitted: text typed literally, a pause (a long text and
// its Enter in one burst is taken as a paste and not submitted), Enter as its own key, then a check.
// Enter is retried only while the typed text still sits in the input box and no dialog is up: an
// Enter must never land on a dialog.
import { setTimeout as sleep } from "node:timers/promises";
import type { ScreenReading } from "../../api/types.js";
import type { PaneIO } from "../agent.js";
import type { Classify } from "./keys.js";

export const TYPE_PAUSE_MS = 300;
const MAX_ENTER_RETRIES = 3;

const norm = (s: string) => s.replace(/\s+/g, "").trim();

/** Whether the input box still holds (the start of) what was typed. */
export function stillTyped(reading: ScreenReading, text: string): boolean {
  const inBox = norm(reading.inputText ?? "");
  const head = norm(text).slice(0, 24);
  return head.length > 0 && inBox.includes(head);
}

export async function submitPrompt(
  io: PaneIO,
  classify: Classify,
  text: string,
): Promise<{ ok: boolean; enters: number; reading: ScreenReading }> {
  await io.type(text);
  await sleep(TYPE_PAUSE_MS);
  await io.keys("Enter");
  let enters = 1;
  for (let attempt = 0; ; attempt++) {
    const until = Date.now() + 1500;
    let reading: ScreenReading;
    do {
      await sleep(60);
      reading = classify(await io.capture());
      if (!stillTyped(reading, text)) return { ok: true, enters, reading };
    } while (Date.now() < until);
    const dialogUp = !!reading.prompt || !!reading.permissionPending;
    if (dialogUp || attempt >= MAX_ENTER_RETRIES - 1) return { ok: false, enters, reading };
    await io.keys("Enter");
    enters++;
  }
}
