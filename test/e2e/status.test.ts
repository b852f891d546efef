// The seed's lunch-time example on the real CLI: three sessions, the dashboard, and "how's the VSR issue
// going?" answered with real state and the pass/fail counts of the tests the session actually ran.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatDashboard } from "../../src/format/dashboard.js";
import { formatDetail } from "../../src/format/detail.js";
import { claudeRig, type Rig } from "../../devkit/claude-rig.js";
import { OWNER } from "../../devkit/temp-wingman.js";
import { say } from "../../devkit/say.js";

// Ten tests, two of which fail: what the session will run with node's test runner.
const TESTS = `import { test } from "node:test";
import assert from "node:assert";
for (let i = 1; i <= 10; i++) test("case " + i, () => assert.ok(i <= 8, "case " + i + " fails on purpose"));
`;

describe("status from measured facts (real CLI)", () => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await claudeRig();
    await writeFile(join(rig.work, "schema.test.mjs"), TESTS);
    for (const s of ["vsr-issue-1131", "clawdbot-auth", "proxy-refactor"]) {
      const r = await rig.wingman.spawn({ session: s, workdir: rig.work }, OWNER);
      expect(r.ok, say(r)).toBe(true);
    }
    for (const s of ["vsr-issue-1131", "clawdbot-auth", "proxy-refactor"])
      await rig.waitState(s, (v) => v.state === "idle");
  });
  afterAll(async () => {
    await rig?.close();
  });

  it("a session that ran its tests shows 8/10 passing in status NAME; the dashboard shows all three", async () => {
    await rig.wingman.send("vsr-issue-1131", "RUN_BASH node --test schema.test.mjs", {}, OWNER);
    const ask = await rig.waitState(
      "vsr-issue-1131",
      (v) => v.state === "waiting_approval" && !!v.pending && !v.pending.optionsPending,
    );
    const r = await rig.wingman.respond({ session: "vsr-issue-1131", action: "approve", id: ask.pending!.id }, OWNER);
    expect(r.ok, say(r)).toBe(true);
    const vsr = await rig.waitState("vsr-issue-1131", (v) => v.state === "idle" && !!v.progress?.tests, 30_000);
    expect(vsr.progress?.tests).toMatchObject({ passed: 8, failed: 2, total: 10 });

    await rig.wingman.send("clawdbot-auth", "SLOW 15 Working on the auth feature.", {}, OWNER);
    await rig.wingman.send("proxy-refactor", "RUN_BASH python3 -c 'print(1)'", {}, OWNER);
    await rig.waitState("clawdbot-auth", (v) => v.state === "working");
    await rig.waitState(
      "proxy-refactor",
      (v) => v.state === "waiting_approval" && !!v.pending && !v.pending.optionsPending,
    );

    const views = await rig.wingman.status();
    const now = new Date();
    const dash = formatDashboard(views, { style: "chat", now });
    expect(dash).toContain("Total: 3 sessions | Working: 1 | Waiting: 1");
    // The one that needs a person comes first, with its prompt id.
    const proxy = views.find((v) => v.name === "proxy-refactor")!;
    expect(dash.indexOf("proxy-refactor")).toBeLessThan(dash.indexOf("clawdbot-auth"));
    expect(dash).toContain(proxy.pending!.id);

    const [detail] = await rig.wingman.status("vsr-issue-1131");
    const text = formatDetail(detail!, { now, style: "chat" });
    expect(text).toContain("8/10 tests passing");
    expect(text).toContain("2 failing");
    expect(text).toContain("node --test schema.test.mjs");
  });
});
