// Follow-ups that never bounce, on the real CLI: a `tell` while Claude Code works is queued (in the registry),
// and the monitor types the queued texts one at a time once it is idle, in order, never into a dialog, across a
// monitor restart. Everything is real: tmux, Claude Code 2.1.331, its hooks, the mock model (devkit/).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Notification } from "../../src/api/notify.js";
import { Monitor } from "../../src/core/monitor/monitor.js";
import { describeNotification } from "../../src/format/notify.js";
import { claudeRig, type Rig } from "../../devkit/claude-rig.js";
import { say } from "../../devkit/say.js";
import { OWNER } from "../../devkit/temp-wingman.js";

const S = "fq";
const FIRST = "RUN_BASH python3 -c 'print(6*7)'";
const SECOND = "SAY the second follow-up";

describe("queued follow-ups on the real CLI", () => {
  let rig: Rig;
  let monitor: Monitor;
  const sent: Notification[] = [];
  const silent = { info() {}, warn() {}, error() {} };
  const startMonitor = async () => {
    monitor = new Monitor({
      describe: describeNotification,
      wingman: rig.again(),
      config: rig.wingman.config,
      logger: silent,
      notifier: {
        async send(n) {
          sent.push(n);
        },
      },
    });
    expect(await monitor.start()).toBe(true);
  };
  /** The user texts the model received, in the order its requests came (what Claude Code submitted). */
  const userTexts = () =>
    rig.mock.requests.flatMap((r) => {
      const msgs = (r.body as { messages?: Array<{ role: string; content: unknown }> } | null)?.messages ?? [];
      return msgs
        .filter((m) => m.role === "user")
        .flatMap((m) =>
          typeof m.content === "string"
            ? [m.content]
            : (m.content as Array<{ type: string; text?: string }>).flatMap((b) =>
                b.type === "text" && b.text ? [b.text] : [],
              ),
        );
    });
  const queued = async () => (await rig.wingman.readRegistry()).sessions[S]?.queue?.map((q) => q.text) ?? [];

  beforeAll(async () => {
    rig = await claudeRig({ config: { pollSeconds: 0.5 } });
    await rig.startIdle(S);
    await startMonitor();
  });
  afterAll(async () => {
    await monitor?.stop();
    await rig?.close();
  });

  it("two tells while it works are queued, 1st and 2nd, and kept in the registry; nothing is typed yet", async () => {
    const turn = await rig.wingman.send(S, "SLOW 6 a long turn", {}, OWNER);
    expect(turn.ok, say(turn)).toBe(true);
    await rig.waitState(S, (v) => v.state === "working");
    const a = await rig.wingman.send(S, FIRST, {}, OWNER);
    expect(a).toMatchObject({ ok: true, code: "queued", facts: { session: S, position: 1 } });
    expect(say(a)).toContain(`queued (1st) · sent when ${S} is idle`);
    const b = await rig.wingman.send(S, SECOND, {}, OWNER);
    expect(b).toMatchObject({ ok: true, code: "queued", facts: { position: 2 } });
    expect(say(b)).toContain("queued (2nd)");
    expect(await queued()).toEqual([FIRST, SECOND]);
    // status (and so `status --json`) counts them per session.
    const [st] = await rig.wingman.status(S);
    expect(st?.queued).toBe(2);
    const list = await rig.wingman.queue(S);
    expect(list.ok && list.facts.items.map((i) => [i.position, i.text, i.by])).toEqual([
      [1, FIRST, OWNER.id],
      [2, SECOND, OWNER.id],
    ]);
    expect(userTexts().some((t) => t.includes("print(6*7)") || t.includes("second follow-up"))).toBe(false);
  });

  it("the queue survives a monitor restart; once idle the 1st is typed, and the 2nd waits while its dialog is open", async () => {
    await monitor.stop();
    await startMonitor();
    // The 1st follow-up asks for a Bash approval: the session waits on a dialog with the 2nd still queued.
    const v = await rig.waitState(
      S,
      (x) => x.state === "waiting_approval" && !!x.pending && !x.pending.optionsPending,
      40_000,
    );
    expect(v.pending?.detail).toBe("python3 -c 'print(6*7)'");
    expect(await queued()).toEqual([SECOND]);
    // Several of the monitor's looks later, nothing was typed into the dialog: it is the same one, still waiting.
    monitor.kick();
    await new Promise((r) => setTimeout(r, 3000));
    const [still] = await rig.wingman.status(S);
    expect(still?.pending?.id).toBe(v.pending?.id);
    expect(await queued()).toEqual([SECOND]);
    expect(userTexts().some((t) => t.includes("second follow-up"))).toBe(false);
    const screen = await rig.wingman.output(S, 60);
    expect(screen.ok && screen.facts.text).not.toContain("second follow-up");
    // A tell now (a dialog is open) joins the queue behind the 2nd.
    const c = await rig.wingman.send(S, "SAY the third one", {}, OWNER);
    expect(c).toMatchObject({ ok: true, code: "queued", facts: { position: 2, state: "waiting_approval" } });
    const r = await rig.wingman.respond({ session: S, action: "approve", id: v.pending!.id }, OWNER);
    expect(r.ok, say(r)).toBe(true);
  });

  it("after the dialog's turn the 2nd and then the 3rd are typed, each in a turn of its own, in order", async () => {
    await rig.modelSaw("the third one", 60_000);
    await rig.turnOver(S, "the third one", { ms: 30_000 });
    expect(await queued()).toEqual([]);
    expect((await rig.wingman.status(S))[0]?.queued).toBe(0);
    const texts = userTexts();
    const at = (s: string) => texts.findIndex((t) => t.includes(s));
    expect(at("a long turn")).toBeGreaterThanOrEqual(0);
    expect(at("a long turn")).toBeLessThan(at("print(6*7)"));
    expect(at("print(6*7)")).toBeLessThan(at("second follow-up"));
    expect(at("second follow-up")).toBeLessThan(at("the third one"));
    // One at a time: each was submitted alone (Claude Code merges texts typed during a turn into one message).
    for (const s of [FIRST, SECOND, "SAY the third one"]) expect(texts).toContain(s);
    const rec = (await rig.wingman.readRegistry()).sessions[S]!;
    expect(rec.prompts.map((p) => p.text)).toEqual(
      expect.arrayContaining([FIRST, SECOND, "SAY the third one"].map((t) => t)),
    );
    expect(rec.prompts.filter((p) => [FIRST, SECOND].includes(p.text)).every((p) => p.by === OWNER.id)).toBe(true);
  });

  it("without a monitor a tell to a working session is refused as before, saying why it was not queued", async () => {
    await monitor.stop();
    try {
      const turn = await rig.wingman.send(S, "SLOW 4 another long turn", {}, OWNER);
      expect(turn.ok, say(turn)).toBe(true);
      await rig.waitState(S, (v) => v.state === "working");
      const r = await rig.wingman.send(S, "SAY not now", {}, OWNER);
      expect(r).toMatchObject({ ok: false, error: "wrong_state", facts: { why: "busy", monitor: false } });
      expect(say(r)).toContain("follow-ups are queued only while a monitor runs");
      expect(await queued()).toEqual([]);
    } finally {
      await startMonitor();
    }
  });

  it("kill drops the queue; an exited session refuses a tell", async () => {
    await rig.turnOver(S, "another long turn", { ms: 30_000 });
    const turn = await rig.wingman.send(S, "SLOW 6 a turn to kill", {}, OWNER);
    expect(turn.ok, say(turn)).toBe(true);
    await rig.waitState(S, (v) => v.state === "working");
    expect((await rig.wingman.send(S, "SAY never typed", {}, OWNER)).ok).toBe(true);
    expect(await queued()).toEqual(["SAY never typed"]);
    expect((await rig.wingman.kill(S, OWNER)).ok).toBe(true);
    expect(await queued()).toEqual([]);
    const r = await rig.wingman.send(S, "SAY hello", {}, OWNER);
    expect(r).toMatchObject({ ok: false, error: "wrong_state", facts: { why: "exited" } });
  });
});
