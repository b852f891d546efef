// Gemini's prompt submission over a pane that draws the recorded idle screen with whatever was typed in
// its input box (docs/gemini.md, "Text and submission"): the first character alone, the rest once the box
// shows it, Enter only once the whole text is drawn; a text starting with `!` or `?` is never typed.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { PaneIO } from "../../src/agents/agent.js";
import { classifyScreen } from "../../src/agents/gemini/screen.js";
import { submitPrompt } from "../../src/agents/gemini/submit.js";

const IDLE = readFileSync(join(import.meta.dirname, "../fixtures/gemini/gemini-0.61.0/idle-fresh.txt"), "utf8");
const PLACEHOLDER = " >   Type your message or @path/to/file";

/** A pane whose input box holds what was typed; Enter submits it (the box empties). */
function pane(): PaneIO & { log: string[] } {
  let box = "";
  const log: string[] = [];
  return {
    log,
    async capture() {
      if (!box) return IDLE;
      const [first, ...more] = box.split("\n");
      return IDLE.replace(PLACEHOLDER, [` > ${first}`, ...more.map((l) => `   ${l}`)].join("\n"));
    },
    async keys(...keys: string[]) {
      log.push(...keys.map((k) => `key:${k}`));
      if (keys.includes("Enter")) box = "";
    },
    async type(text: string) {
      log.push(`type:${text}`);
      box += text;
    },
  };
}
const classify = (s: string) => classifyScreen(s);

describe("Gemini submission", () => {
  it("types the first character alone, then the rest, then one Enter", async () => {
    const io = pane();
    const text = "a?b why? ok!\nsecond line";
    const r = await submitPrompt(io, classify, text);
    expect(r.ok).toBe(true);
    expect(io.log).toEqual(["type:a", "type:?b why? ok!\nsecond line", "key:Enter"]);
  });
  it.each(["!rm -rf build", "?help"])("refuses %j: nothing is typed or pressed", async (text) => {
    const io = pane();
    const r = await submitPrompt(io, classify, text);
    expect(r.ok).toBe(false);
    expect(io.log).toEqual([]);
  });
  it("a one-character text is typed and submitted", async () => {
    const io = pane();
    expect((await submitPrompt(io, classify, "y")).ok).toBe(true);
    expect(io.log).toEqual(["type:y", "key:Enter"]);
  });
});
