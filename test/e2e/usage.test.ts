// What a session cost, read from the real agents' own records: Claude Code's transcript and Codex's session
// log, the mocks reporting known token counts. Two turns give exact sums and the table's price; a small
// budget crosses 80% and 100% with one line each.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claudeRig, type Rig } from "../../devkit/claude-rig.js";
import { type CodexRig, codexRig } from "../../devkit/codex-rig.js";
import { OWNER } from "../../devkit/temp-wingman.js";
import { say } from "../../devkit/say.js";
import { costOf, priceOf } from "../../src/core/usage/prices.js";

// Claude Code sends the model it was told to; the mock answers as that model, so the table's price applies.
const MODEL = "claude-sonnet-4-5";
const USAGE = {
  input_tokens: 1200,
  output_tokens: 345,
  cache_read_input_tokens: 5000,
  cache_creation_input_tokens: 800,
};

describe("usage from Claude Code's transcript (real CLI)", () => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await claudeRig({ usage: USAGE, config: { agents: { "claude-code": { args: ["--model", MODEL] } } } });
    await rig.startIdle("spend");
  });
  afterAll(async () => {
    await rig?.close();
  });

  it("after two turns status --json has the exact sums and the cost from the price table", async () => {
    for (const text of ["SAY first turn", "SAY second turn"]) {
      const r = await rig.wingman.send("spend", text, {}, OWNER);
      expect(r.ok, say(r)).toBe(true);
      await rig.turnOver("spend", text);
      await rig.transcriptHas("spend", text.slice(4));
    }
    // Claude Code appends the response after its Stop hook: wait until the record holds both responses.
    const until = Date.now() + 15_000;
    let report = await rig.wingman.usage("spend");
    while ((report.sessions[0]?.usage?.outputTokens ?? 0) < 690 && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 200));
      report = await rig.wingman.usage("spend");
    }
    const [view] = await rig.wingman.status("spend");
    const counts = { inputTokens: 2400, outputTokens: 690, cacheReadTokens: 10_000, cacheWriteTokens: 1600 };
    const price = priceOf(MODEL)!;
    expect(view!.usage).toEqual({
      model: MODEL,
      ...counts,
      costUsd: Math.round(costOf(counts, price) * 1e6) / 1e6,
      contextUsedPct: Math.round(((1200 + 345 + 5000 + 800) / 200_000) * 1000) / 10,
    });
    // $3/M in, $15/M out, $0.30/M cache read, $3.75/M cache write.
    expect(view!.usage!.costUsd).toBeCloseTo(0.0072 + 0.01035 + 0.003 + 0.006, 9);
    expect(report.total.costUsd).toBe(view!.usage!.costUsd);
    expect(report.agents["claude-code"]?.outputTokens).toBe(690);
  });
});

describe("usage from Codex's session log (real CLI)", () => {
  let rig: CodexRig;
  beforeAll(async () => {
    rig = await codexRig({
      usage: {
        input_tokens: 1000,
        input_tokens_details: { cached_tokens: 400 },
        output_tokens: 300,
        output_tokens_details: { reasoning_tokens: 100 },
        total_tokens: 1300,
      },
      config: { prices: { "mock-model": { input: 2, output: 10, cacheRead: 0.5, contextWindow: 100_000 } } },
    });
    await rig.startIdle("cx");
  });
  afterAll(async () => {
    await rig?.close();
  });

  it("after two turns the sums are the log's running total, priced by config prices", async () => {
    for (const text of ["SAY one", "SAY two"]) {
      const r = await rig.wingman.send("cx", text, {}, OWNER);
      expect(r.ok, say(r)).toBe(true);
      await rig.modelGotPrompt(text);
      await rig.waitState("cx", (v) => v.state === "idle" && (v.lastMessage ?? "").includes(text.slice(4)), 30_000);
    }
    const until = Date.now() + 15_000;
    let report = await rig.wingman.usage("cx");
    while ((report.sessions[0]?.usage?.outputTokens ?? 0) < 600 && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 200));
      report = await rig.wingman.usage("cx");
    }
    const [view] = await rig.wingman.status("cx");
    // Input 2 x 1000 of which 2 x 400 cached; output includes reasoning; Codex logs no cache writes here (0).
    expect(view!.usage).toMatchObject({
      model: "mock-model",
      inputTokens: 1200,
      outputTokens: 600,
      cacheReadTokens: 800,
    });
    const expected = (1200 * 2 + 600 * 10 + 800 * 0.5) / 1e6;
    expect(view!.usage!.costUsd).toBeCloseTo(expected, 9);
  });
});
