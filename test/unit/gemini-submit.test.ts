// Gemini's prompt submission over a pane that draws the recorded idle screen with whatever was typed in
// its input box (docs/gemini.md, "Text and submission"): the first character alone, the rest once the box
// shows it, Enter only once the whole text is drawn; a text starting with `!` or `?` is never typed.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { PaneIO } from "../../src/agents/agent.js";
import { classifyScreen } from "../../src/agents/gemini/screen.js";
import { missingTail, submitPrompt } from "../../src/agents/gemini/submit.js";

const IDLE = readFileSync(join(import.meta.dirname, "../fixtures/gemini/gemini-0.61.0/idle-fresh.txt"), "utf8");
const PLACEHOLDER = " >   Type your message or @path/to/file";

/** A pane whose input box holds what was typed; Enter submits it (the box empties). `lose`: the Nth type is dropped. */
function pane(o: { lose?: number } = {}): PaneIO & { log: string[] } {
  let box = "";
  let typed = 0;
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
      if (++typed !== o.lose) box += text;
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
  it("keys lost while Gemini redraws (after a resume): the missing end is typed again before Enter", async () => {
    const io = pane({ lose: 2 });
    const r = await submitPrompt(io, classify, "SAY what was the word");
    expect(r.ok).toBe(true);
    expect(io.log).toEqual(["type:S", "type:AY what was the word", "type:AY what was the word", "key:Enter"]);
  }, 15_000);
  it("the first key lost while Gemini redraws: typed again while the box stays empty", async () => {
    const io = pane({ lose: 1 });
    const r = await submitPrompt(io, classify, "SAY hi");
    expect(r.ok).toBe(true);
    expect(io.log).toEqual(["type:S", "type:S", "type:AY hi", "key:Enter"]);
  }, 15_000);
  it("the missing end: from where the box's text stops; nothing when the box shows something else", () => {
    expect(missingTail("SAY what was the word", "S")).toBe("AY what was the word");
    expect(missingTail("SAY what was the word", "SAY what")).toBe(" was the word");
    expect(missingTail("SAY what", "SAY what")).toBe("");
    expect(missingTail("SAY what", "XYZ")).toBeNull();
    expect(missingTail("SAY what", "")).toBeNull();
  });
  it("a one-character text is typed and submitted", async () => {
    const io = pane();
    expect((await submitPrompt(io, classify, "y")).ok).toBe(true);
    expect(io.log).toEqual(["type:y", "key:Enter"]);
  });
});
