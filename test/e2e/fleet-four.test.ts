// The whole fleet on the real CLIs: one Claude Code, one Codex, one Gemini CLI and one OpenCode session in
// one Wingman, each against its own mock on 127.0.0.1, seen in one `status` (and the dashboard's AGENT
// column) and one Monitor; each approval is notified with its own agent's options and the prompt id, approved
// by that id, its command runs, and each turn ends with "finished". The agents start in parallel and every
// wait is on a notification or a state, never a fixed sleep. Gemini can outlive its tmux server: the rig
// ends its panes' process groups by id (devkit/gemini-rig.ts, endGeminiPanes).
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Notification } from "../../src/api/notify.js";
import type { Monitor } from "../../src/core/monitor/monitor.js";
import { readSource, requestFromArgv } from "../../src/doors/cli/argv.js";
import { type Out, printResult } from "../../src/doors/cli/output.js";
import { perform } from "../../src/doors/phrases/requests.js";
import { type CodexRig, codexRig, type FleetAgent } from "../../devkit/codex-rig.js";
import { OPENCODE_START_MS } from "../../devkit/opencode-rig.js";
import { notingMonitor, waitForNote } from "../../devkit/notes.js";
import { OWNER } from "../../devkit/temp-wingman.js";
import { say } from "../../devkit/say.js";

/** Session name → its agent, and the option roles its shell-command dialog offers, in screen order. */
const FLEET: Array<{ name: string; agent: FleetAgent; word: string; roles: string[] }> = [
  { name: "fleet-claude", agent: "claude-code", word: "claude", roles: ["once", "always", "auto_mode", "no"] },
  { name: "fleet-codex", agent: "codex", word: "codex", roles: ["once", "always", "no"] },
  { name: "fleet-gemini", agent: "gemini", word: "gemini", roles: ["once", "always", "no"] },
  { name: "fleet-opencode", agent: "opencode", word: "opencode", roles: ["once", "always", "no"] },
];

// OpenCode's first start may take OPENCODE_START_MS on a loaded machine, and a turn of any of the four up to
// a minute while the other three run beside it.
const TURN_MS = 60_000;

describe("a mixed fleet of all four agents: one Wingman, one status, one monitor", { timeout: 3 * TURN_MS }, () => {
  let rig: CodexRig;
  let monitor: Monitor;
  const sent: Notification[] = [];

  /** The first notification from index `from` on that `pred` accepts; waits for it as the monitor sends. */
  const waitNote = (pred: (n: Notification) => boolean, from = 0, ms = TURN_MS) =>
    waitForNote(sent, pred, { ms, from, stepMs: 50, show: (x) => [x.type, x.session, x.id] });

  /** What `wingman status [NAME]` prints for a person (the CLI's own request, result and printer). */
  const statusText = async (...args: string[]) => {
    let stdout = "";
    const out: Out = { stdout: { write: (s: string) => (stdout += s) }, stderr: { write() {} }, env: {} };
    const parsed = await requestFromArgv("status", args, readSource);
    const code = await printResult(
      rig.wingman,
      parsed.request,
      await perform(rig.wingman, parsed.request, OWNER),
      false,
      out,
    );
    expect(code).toBe(0);
    return stdout;
  };

  beforeAll(async () => {
    rig = await codexRig({
      withClaude: true,
      withGemini: true,
      withOpenCode: true,
      config: { reminderSeconds: 300, pollSeconds: 0.5 },
    });
    await Promise.all(FLEET.map((s) => rig.startIdle(s.name, s.agent)));
    monitor = notingMonitor(rig.wingman, sent);
    expect(await monitor.start()).toBe(true);
  }, OPENCODE_START_MS + 30_000);
  afterAll(async () => {
    await monitor?.stop();
    await rig?.close();
  });

  it("one status lists all four with their agent ids; the dashboard has an AGENT column with the four words", async () => {
    const views = (await rig.wingman.status()).sort((x, y) => x.name.localeCompare(y.name));
    expect(views.map((v) => [v.name, v.agent, v.state])).toEqual(FLEET.map((s) => [s.name, s.agent, "idle"]));
    const lines = (await statusText()).split("\n");
    const head = lines[0]!.split(/\s{2,}/);
    expect(head).toContain("AGENT");
    const col = head.indexOf("AGENT");
    for (const s of FLEET) {
      const row = lines.find((l) => l.startsWith(`${s.name} `));
      expect(row, `a dashboard row for ${s.name}`).toBeDefined();
      expect(row!.split(/\s{2,}/)[col]).toBe(s.word);
    }
    expect(lines).toContain("Total: 4 sessions | Working: 0 | Waiting: 0 | Error: 0");
  });

  it("one monitor notifies each agent's approval with its own options and the prompt id; each approved by id runs and finishes", async () => {
    const file = (name: string) => join(rig.work, `from-${name}.txt`);
    const from = sent.length;
    const asked = await Promise.all(
      FLEET.map((s) => rig.wingman.send(s.name, `RUN_BASH touch ${file(s.name)}`, {}, OWNER)),
    );
    for (const r of asked) expect(r.ok, say(r)).toBe(true);

    // Each approval, once its options are drawn (OpenCode draws a shell dialog a frame before its command:
    // that first notification says the options are not shown yet, and the complete one follows, same id).
    const notes = await Promise.all(
      FLEET.map((s) =>
        waitNote(
          (n) => n.type === "approval_needed" && n.session === s.name && !!n.pending && !n.pending.optionsPending,
          from,
        ),
      ),
    );
    const views = (await rig.wingman.status()).sort((x, y) => x.name.localeCompare(y.name));
    FLEET.forEach((s, i) => {
      const n = notes[i]!;
      expect(
        n.pending?.options.map((o) => o.role),
        s.name,
      ).toEqual(s.roles);
      expect(n.pending).toMatchObject({ tool: "Bash", detail: `touch ${file(s.name)}` });
      // The id the notification gives is the prompt's id in status, and the text tells the person to use it.
      expect(views[i]).toMatchObject({ name: s.name, state: "waiting_approval", pending: { id: n.id } });
      expect(n.text).toContain(`approve ${s.name} ${n.id}`);
    });
    // OpenCode draws no numbers: the notification numbers its buttons, as `status NAME` does.
    const oc = notes[3]!;
    for (const line of ["1. Allow once", "2. Allow always", "3. Reject"]) {
      expect(oc.text).toContain(line);
      expect(await statusText("fleet-opencode")).toContain(line);
    }
    expect(oc.pending?.options.map((o) => o.number)).toEqual([null, null, null]);
    const dash = await statusText();
    expect(dash).toContain("Total: 4 sessions | Working: 0 | Waiting: 4 | Error: 0");

    // Approved by id, all four at once; each command runs and each turn ends with "finished".
    const approvedAt = sent.length;
    const answers = await Promise.all(
      notes.map((n) => rig.wingman.respond({ session: n.session!, action: "approve", id: n.id }, OWNER)),
    );
    for (const r of answers) expect(r.ok, say(r)).toBe(true);
    await Promise.all(FLEET.map((s) => waitNote((n) => n.type === "finished" && n.session === s.name, approvedAt)));
    for (const s of FLEET) expect(existsSync(file(s.name)), `${s.name} ran its command`).toBe(true);
    const after = (await rig.wingman.status()).sort((x, y) => x.name.localeCompare(y.name));
    expect(after.map((v) => [v.name, v.state, v.pending])).toEqual(FLEET.map((s) => [s.name, "idle", null]));
  });
});
