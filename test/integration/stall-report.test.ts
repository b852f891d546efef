// The report a real-agent rig adds when a wait runs out (devkit/stall-report.ts): what the pane, its processes
// and the tmux server were doing, the machine's pressure and the mock's open requests. It runs only when a test
// is already failing, so it is checked here on a real tmux pane (the stand-in agent) that it says what it should.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stallReport } from "../../devkit/stall-report.js";
import { OWNER, type TempWingman, tempWingman } from "../../devkit/temp-wingman.js";
import { say } from "../../devkit/say.js";
import { until } from "../../devkit/wait.js";

describe("the stall report of the real-agent rigs", () => {
  let t: TempWingman;
  beforeAll(async () => {
    t = await tempWingman();
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it("names the pane's program, each process's state and CPU, the machine's pressure and the open requests", async () => {
    const r = await t.wingman.spawn({ session: "stuck", workdir: t.root }, OWNER);
    expect(r.ok, say(r)).toBe(true);
    const panes = () => t.wingman.tmux.listPanes();
    await until(panes, (ps) => ps.some((p) => p.session === "stuck" && p.currentCommand === "node"));
    const now = Date.now();
    const report = await stallReport(panes, "stuck", [
      { directive: "SAY", at: now - 5000, doneAt: now - 4000 },
      { directive: "SLOW", at: now - 2000 },
    ]);
    const lines = report.split("\n");
    expect(lines[0]).toMatch(/^pane %\d+: runs node, alive, last output \d+ s ago$/);
    expect(report).toMatch(/^tmux server \d+ tmux: server: [RSD], CPU \d+ ms in the last second; threads /m);
    expect(report).toMatch(/^pane \d+ \S+: [RSD], CPU \d+ ms in the last second; threads [RSD] \d+/m);
    expect(report).toMatch(/^machine: cpu (some avg10=|not available)/m);
    expect(lines.at(-1)).toMatch(/^mock: 2 requests, 1 open \(SLOW since \d+ ms\); the last, SLOW, came \d+ ms ago$/);
  });

  it("says so when the session has no pane", async () => {
    expect(await stallReport(() => t.wingman.tmux.listPanes(), "nobody")).toBe("no pane for nobody");
  });
});
