// Prices, money and the words of usage: the table's lookup rules, config overrides, an unknown model that
// gives tokens and no money, the COST column shown only when some cost is known, and the budget replies.
import { describe, expect, it } from "vitest";
import type { SessionView } from "../../src/api/types.js";
import { costOfModels, priceOf } from "../../src/core/usage/prices.js";
import { formatDashboard } from "../../src/format/dashboard.js";
import { describeDone, describeRefusal } from "../../src/format/outcomes.js";
import { describeNotification } from "../../src/format/notify.js";
import { money, usageLine } from "../../src/format/usage.js";

const counts = { inputTokens: 1_000_000, outputTokens: 100_000, cacheReadTokens: 2_000_000, cacheWriteTokens: 0 };

describe("prices", () => {
  it("finds a model by its exact name or with a date suffix; an unknown model has no price", () => {
    expect(priceOf("claude-sonnet-4-5")?.input).toBe(3);
    expect(priceOf("claude-sonnet-4-5-20250929")?.output).toBe(15);
    expect(priceOf("gpt-5-2025-08-07")?.input).toBe(1.25);
    // `gpt-5-mini` is its own row, not gpt-5 with a suffix.
    expect(priceOf("gpt-5-mini")?.input).toBe(0.25);
    expect(priceOf("claude-opus-5-5")).toBeNull();
    expect(priceOf("mock-model")).toBeNull();
  });

  it("config prices override the table and add models", () => {
    const over = { "claude-sonnet-4-5": { input: 1, output: 1, cacheRead: 1, cacheWrite: null } };
    expect(priceOf("claude-sonnet-4-5", over)?.input).toBe(1);
    expect(
      costOfModels(
        { "mock-model": counts },
        { "mock-model": { input: 2, output: 10, cacheRead: 0.5, cacheWrite: null } },
      ).costUsd,
    ).toBeCloseTo(2 + 1 + 1, 9);
  });

  it("money is never a guess: one unpriced model with tokens makes the cost null and names it", () => {
    const r = costOfModels({ "claude-sonnet-4-5": counts, "claude-opus-5-5": counts });
    expect(r).toEqual({ costUsd: null, unpriced: ["claude-opus-5-5"] });
    expect(costOfModels({ "claude-sonnet-4-5": counts }).costUsd).toBeCloseTo(3 + 1.5 + 0.6, 9);
  });
});

const view = (name: string, usage: SessionView["usage"], extra: Partial<SessionView> = {}): SessionView => ({
  name,
  workdir: "/tmp/w",
  agent: "claude-code",
  host: null,
  state: "idle",
  pending: null,
  createdAt: "2026-12-03T10:00:00.000Z",
  lastActivityAt: "2026-12-03T10:00:00.000Z",
  usage,
  ...extra,
});
const now = new Date("2026-12-03T10:05:00.000Z");
const known = { model: "claude-sonnet-4-5", ...counts, costUsd: 5.1, contextUsedPct: 12.5 };

describe("usage in words", () => {
  it("the COST column shows only when some session's cost is known", () => {
    expect(formatDashboard([view("a", null)], { style: "terminal", now })).not.toContain("COST");
    const both = formatDashboard([view("a", known), view("b", { ...known, costUsd: null })], {
      style: "terminal",
      now,
    });
    expect(both).toContain("COST");
    expect(both).toContain("$5.10");
  });

  it("a usage line gives tokens, money or its absence, the model and the context", () => {
    expect(usageLine(known)).toBe(
      "in 1.0M · out 100.0k · cache 2.0M read / 0 write · $5.10 · claude-sonnet-4-5 · context 12.5%",
    );
    expect(usageLine({ ...known, costUsd: null })).toContain("no price for this model");
    expect(money(0.004)).toBe("<$0.01");
  });

  it("a held follow-up names the session, its id and how to release or drop it", () => {
    const f = {
      why: "over_budget",
      session: "api",
      id: "k3p9",
      scope: "session",
      costUsd: 0.04,
      limitUsd: 0.03,
    } as const;
    const text = describeRefusal(f);
    for (const part of ["api", "k3p9", "$0.04", "$0.03", "approve api k3p9", "deny api k3p9"])
      expect(text).toContain(part);
    expect(describeRefusal({ ...f, door: "tool" })).toContain("cannot release");
    expect(describeDone({ ok: true, code: "released", facts: { session: "api", id: "k3p9", view: null } })).toContain(
      "k3p9",
    );
    expect(
      describeDone({ ok: true, code: "sent", facts: { session: "api", view: null, unpriced: ["claude-opus-5-5"] } }),
    ).toContain("no price for claude-opus-5-5");
  });

  it("the budget line and the finished line's cost", () => {
    const b = describeNotification({
      type: "budget",
      session: "api",
      scope: "session",
      pct: 80,
      costUsd: 0.024,
      limitUsd: 0.03,
      at: "",
    });
    expect(b).toContain("80%");
    expect(b).toContain("$0.02 of $0.03");
    const f = describeNotification({
      type: "finished",
      session: "api",
      at: "",
      turnUsage: {
        model: "claude-sonnet-4-5",
        inputTokens: 1,
        outputTokens: 1,
        cacheReadTokens: 0,
        cacheWriteTokens: 0,
        costUsd: 0.42,
      },
    });
    expect(f).toContain("$0.42 this turn");
  });
});
