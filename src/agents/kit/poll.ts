// Polling the screen until it shows what a key should have brought about (a dialog drawn, a cursor moved,
// a dialog closed), or a deadline. Every key plan checks its effect this way before the next key.
import { setTimeout as sleep } from "node:timers/promises";
import type { ScreenReading } from "../../api/types.js";
import type { PaneIO } from "../agent.js";

/** An agent's screen classifier: one capture in, one reading out. */
export type Classify = (screen: string) => ScreenReading;

/** How often a key plan re-reads the screen: one capture costs a few ms, a redraw about 16. */
export const POLL_MS = 25;

/** Read the screen until `until` holds (ok) or `timeoutMs` has passed (not ok); the last reading either way. */
export async function pollScreen(
  io: PaneIO,
  classify: Classify,
  until: (r: ScreenReading) => boolean,
  timeoutMs: number,
  pollMs = POLL_MS,
): Promise<{ ok: boolean; reading: ScreenReading }> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const reading = classify(await io.capture());
    if (until(reading)) return { ok: true, reading };
    if (Date.now() >= end) return { ok: false, reading };
    await sleep(pollMs);
  }
}
