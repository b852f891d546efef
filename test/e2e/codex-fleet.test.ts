// A mixed fleet on the real CLIs: one Claude Code session and one Codex session in one Wingman, seen in one
// `status` and one Monitor, each approval notified with its own agent's options and answered by role.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Notification } from "../../src/api/notify.js";
import type { Monitor } from "../../src/core/monitor/monitor.js";
import { type CodexRig, codexRig } from "../../devkit/codex-rig.js";
import { notingMonitor, waitForNote } from "../../devkit/notes.js";
import { OWNER } from "../../devkit/temp-wingman.js";
import { say } from "../../devkit/say.js";

describe("a mixed fleet: Claude Code and Codex", () => {
  let rig: CodexRig;
  let monitor: Monitor;
  const sent: Notification[] = [];
  const waitNote = (pred: (n: Notification) => boolean, ms = 15_000) =>
    waitForNote(sent, pred, { ms, stepMs: 50, show: (x) => [x.type, x.session, x.id] });

  beforeAll(async () => {
    rig = await codexRig({ withClaude: true, config: { reminderSeconds: 300, pollSeconds: 0.5 } });
    await Promise.all([rig.startIdle("fleet-claude", "claude-code"), rig.startIdle("fleet-codex", "codex")]);
    monitor = notingMonitor(rig.wingman, sent);
    expect(await monitor.start()).toBe(true);
  }, 40_000);
  afterAll(async () => {
    await monitor?.stop();
    await rig?.close();
  });

  it("one status lists both sessions with their agents", async () => {
    const views = (await rig.wingman.status()).sort((x, y) => x.name.localeCompare(y.name));
    expect(views.map((v) => [v.name, v.agent, v.state])).toEqual([
      ["fleet-claude", "claude-code", "idle"],
      ["fleet-codex", "codex", "idle"],
    ]);
  });

  it("one monitor notifies each agent's approval with its own options, and each is approved by role", async () => {
    const cf = join(rig.work, "from-claude.txt");
    const xf = join(rig.work, "from-codex.txt");
    expect((await rig.wingman.send("fleet-claude", `RUN_BASH touch ${cf}`, {}, OWNER)).ok).toBe(true);
    expect((await rig.wingman.send("fleet-codex", `RUN_BASH touch ${xf}`, {}, OWNER)).ok).toBe(true);
    const a = await waitNote((n) => n.type === "approval_needed" && n.session === "fleet-claude");
    const b = await waitNote((n) => n.type === "approval_needed" && n.session === "fleet-codex");
    expect(a.pending?.options.map((o) => o.role)).toEqual(["once", "always", "auto_mode", "no"]);
    expect(b.pending?.options.map((o) => o.role)).toEqual(["once", "always", "no"]);
    expect(b.pending).toMatchObject({ tool: "Bash", detail: `touch ${xf}` });
    const views = (await rig.wingman.status()).sort((x, y) => x.name.localeCompare(y.name));
    expect(views.map((v) => [v.name, v.state])).toEqual([
      ["fleet-claude", "waiting_approval"],
      ["fleet-codex", "waiting_approval"],
    ]);
    for (const n of [a, b]) {
      const r = await rig.wingman.respond({ session: n.session!, action: "approve", id: n.id }, OWNER);
      expect(r.ok, say(r)).toBe(true);
    }
    await waitNote((n) => n.type === "finished" && n.session === "fleet-codex");
    await waitNote((n) => n.type === "finished" && n.session === "fleet-claude");
    expect(existsSync(cf)).toBe(true);
    expect(existsSync(xf)).toBe(true);
  });
});
