// Delivering a prompt so that it is really submitted. Codex runs with `disable_paste_burst=true`, so typed
// text followed by Enter is not taken as a paste (docs/codex.md, "Submitting prompts"); a short pause is
// kept anyway. Enter is retried only while the typed text still sits in the composer and no dialog is up:
// an Enter must never land on a dialog.
import { setTimeout as sleep } from "node:timers/promises";
import type { ScreenReading } from "../../api/types.js";
import type { PaneIO } from "../agent.js";

export type Classify = (screen: string) => ScreenReading;

export const TYPE_PAUSE_MS = 100;
const MAX_ENTERS = 3;
const norm = (s: string) => s.replace(/\s+/g, "");

/** Whether the composer still holds (the start of) what was typed. */
export function stillTyped(reading: ScreenReading, text: string): boolean {
  const head = norm(text).slice(0, 24);
  return head.length > 0 && norm(reading.inputText ?? "").includes(head);
}

export async function submitPrompt(io: PaneIO, classify: Classify, text: string): Promise<{ ok: boolean; enters: number; reading: ScreenReading }> {
  await io.type(text);
  await sleep(TYPE_PAUSE_MS);
  await io.keys("Enter");
  let enters = 1;
  for (;;) {
    const until = Date.now() + 1500;
    let reading: ScreenReading;
    do {
      await sleep(50);
      reading = classify(await io.capture());
      if (!stillTyped(reading, text)) return { ok: true, enters, reading };
    } while (Date.now() < until);
    if (reading.prompt || enters >= MAX_ENTERS) return { ok: false, enters, reading };
    await io.keys("Enter");
    enters++;
  }
}
