// Colour for a terminal: only when the caller says the output is a terminal and NO_COLOR is not set
// (https://no-color.org). Colour is added after columns are padded, so escapes never count as width.
import type { SessionState } from "../api/types.js";

export type Paint = (text: string, tone: Tone) => string;
export type Tone = "attention" | "error" | "good" | "dim" | "bold";

const SGR: Record<Tone, [string, string]> = {
  attention: ["\x1b[33m", "\x1b[39m"],
  error: ["\x1b[31m", "\x1b[39m"],
  good: ["\x1b[32m", "\x1b[39m"],
  dim: ["\x1b[2m", "\x1b[22m"],
  bold: ["\x1b[1m", "\x1b[22m"],
};

export const noPaint: Paint = (text) => text;
export const ansiPaint: Paint = (text, tone) => (text ? `${SGR[tone][0]}${text}${SGR[tone][1]}` : text);

/** Colour on when the stream is a terminal and NO_COLOR is unset or empty. */
export function wantsColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  return stream.isTTY === true && !env.NO_COLOR;
}

export function paintFor(color: boolean): Paint {
  return color ? ansiPaint : noPaint;
}

/** The tone a state is shown in. */
export function toneOf(state: SessionState): Tone | null {
  switch (state) {
    case "waiting_approval":
    case "waiting_input":
    case "trust_prompt":
      return "attention";
    case "error":
      return "error";
    case "working":
      return "good";
    case "exited":
    case "unknown":
      return "dim";
    default:
      return null;
  }
}
