// A budget of a few cents on the real Claude Code (the mock reports known token counts): one line at 80%,
// one at 100%, then a follow-up is held as a prompt of its own and sent only when the owner approves it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Monitor } from "../../src/core/monitor/monitor.js";
import type { Notification } from "../../src/api/notify.js";
import { claudeRig, type Rig } from "../../devkit/claude-rig.js";
import { notingMonitor, waitForNote } from "../../devkit/notes.js";
import { OWNER } from "../../devkit/temp-wingman.js";
import { say } from "../../devkit/say.js";

const USAGE = {
  input_tokens: 1200,
  output_tokens: 345,
  cache_read_input_tokens: 5000,
  cache_creation_input_tokens: 800,
};
// claude-sonnet-4-5 at $3 / $15 / $0.30 / $3.75 per million: $0.013275 a turn; 3 cents is 44%, 88%, 133%.
const TURN_USD = 0.013275;

describe("budgets (real CLI)", () => {
  let rig: Rig;
  let monitor: Monitor;
  const sent: Notification[] = [];
  const waitNote = (pred: (n: Notification) => boolean, ms = 30_000) =>
    waitForNote(sent, pred, { ms, stepMs: 200, show: (x) => [x.type, x.session, x.pct], each: () => monitor.kick() });

  beforeAll(async () => {
    rig = await claudeRig({
      usage: USAGE,
      config: {
        pollSeconds: 0.5,
        // The day's budget is crossed only by the fourth turn (4 x $0.013275 = 106%; 3 turns are 79.65%).
        budgets: { sessionUsd: 0.03, dayUsd: 0.05 },
        agents: { "claude-code": { args: ["--model", "claude-sonnet-4-5"] } },
      },
    });
    await rig.startIdle("spender");
    monitor = notingMonitor(rig.wingman, sent);
    expect(await monitor.start()).toBe(true);
  });
  afterAll(async () => {
    await monitor?.stop();
    await rig?.close();
  });

  const turn = async (text: string) => {
    const r = await rig.wingman.send("spender", text, {}, OWNER);
    expect(r.ok, say(r)).toBe(true);
    await rig.turnOver("spender", text);
    await rig.transcriptHas("spender", text.slice(4));
  };

  it("crosses 80% and 100% with one line each, then a tell is held until approved", async () => {
    await turn("SAY one");
    await turn("SAY two");
    const at80 = await waitNote((n) => n.type === "budget" && n.pct === 80);
    expect(at80).toMatchObject({ session: "spender", scope: "session", limitUsd: 0.03 });
    expect(at80.costUsd).toBeCloseTo(2 * TURN_USD, 9);
    expect(at80.text).toContain("80%");
    await turn("SAY three");
    const at100 = await waitNote((n) => n.type === "budget" && n.pct === 100);
    expect(at100.costUsd).toBeCloseTo(3 * TURN_USD, 9);
    // A few more monitor passes: still exactly one line per threshold.
    for (let i = 0; i < 3; i++) {
      monitor.kick();
      await new Promise((r) => setTimeout(r, 2000));
    }
    expect(sent.filter((n) => n.type === "budget").map((n) => [n.scope, n.pct])).toEqual([
      ["session", 80],
      ["session", 100],
    ]);
    // Every "finished" line carries the turn's usage.
    const finished = sent.filter((n) => n.type === "finished");
    expect(finished.length).toBeGreaterThan(0);
    for (const f of finished) expect(f.turnUsage).toBeDefined();

    // Past 100%: the follow-up is held with an id of its own, nothing typed.
    const before = rig.mock.requests.length;
    const held = await rig.wingman.send("spender", "SAY four", {}, OWNER);
    expect(held.ok).toBe(false);
    if (held.ok) return;
    expect(held.error).toBe("needs_confirm");
    expect(held.facts).toMatchObject({ why: "over_budget", session: "spender", scope: "session", limitUsd: 0.03 });
    const id = (held.facts as { id: string }).id;
    expect(id).toMatch(/^[a-z0-9]{4}$/);
    const [view] = await rig.wingman.status("spender");
    expect(view!.held).toMatchObject({ id, kind: "budget", text: "SAY four" });
    // An assistant's tool cannot release it.
    const tool = await rig.wingman.respond(
      { session: "spender", action: "approve", id },
      { id: OWNER.id, channel: "tool", authorized: true },
    );
    expect(tool.ok).toBe(false);
    expect(rig.mock.requests.slice(before).some((r) => JSON.stringify(r.body ?? "").includes("SAY four"))).toBe(false);
    // The owner's approve sends it.
    const released = await rig.wingman.respond({ session: "spender", action: "approve", id }, OWNER);
    expect(released.ok, say(released)).toBe(true);
    if (released.ok) expect(released.code).toBe("released");
    await rig.modelSaw("SAY four");
    const [after] = await rig.wingman.status("spender");
    expect(after!.held).toBeUndefined();
  });

  it("past the day's budget a new session's start is held, and started when the owner approves it", async () => {
    await rig.turnOver("spender", "SAY four");
    await rig.transcriptHas("spender", "four");
    // One read jumps past both 80% and 100% of the day: one line, at 100%.
    const day = await waitNote((n) => n.type === "budget" && n.scope === "day");
    expect(day).toMatchObject({ pct: 100, limitUsd: 0.05 });
    expect(day.session).toBeUndefined();
    expect(day.costUsd).toBeCloseTo(4 * TURN_USD, 9);

    const r = await rig.wingman.spawn({ session: "later", workdir: rig.work }, OWNER);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toBe("needs_confirm");
    expect(r.facts).toMatchObject({ why: "over_budget", what: "spawn", session: "later", scope: "day" });
    expect((await rig.wingman.readRegistry()).sessions.later).toBeUndefined();
    const id = (r.facts as { id: string }).id;
    const started = await rig.wingman.respond({ session: "later", action: "approve", id }, OWNER);
    expect(started.ok, say(started)).toBe(true);
    if (started.ok) expect(started.code).toBe("released");
    await rig.waitState("later", (v) => v.state === "idle", 30_000);
    expect(sent.filter((n) => n.type === "budget")).toHaveLength(3);
  });
});
