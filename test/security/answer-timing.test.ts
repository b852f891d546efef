// Adversarial list: an answer lands only on the dialog the person saw, even when it arrives early.
//   attack / situation                                              → expected
//   approve by id between the hook's announcement and the drawing  → waits (≤ 3 s) for the dialog, then answers it
//   approve by id when the dialog never gets drawn                 → refused `not_drawn`, nothing pressed
// The stand-in agent plays Claude Code's order of events slowed down: PermissionRequest hook event,
// "Waiting for permission…", then the recorded Bash dialog STANDIN_DRAW_DELAY_MS later.
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import type { SessionView } from "../../src/api/types.js";
import { OWNER, type TempWingman } from "../../devkit/temp-wingman.js";
import { until } from "../../devkit/wait.js";
import { standinEach } from "../../devkit/standin-fixture.js";
import { say } from "../../devkit/say.js";

describe("answers that arrive before the dialog is drawn (real tmux, stand-in agent)", () => {
  let t: TempWingman;
  let log: string;
  let work: string;
  standinEach((f) => {
    ({ t, log, work } = f);
  });

  async function announced(delayMs: number): Promise<SessionView> {
    t.env.STANDIN_DRAW_DELAY_MS = String(delayMs);
    expect((await t.wingman.spawn({ session: "early", workdir: work }, OWNER)).ok).toBe(true);
    await until(
      () => t.wingman.status("early"),
      (vs) => vs[0]?.state === "idle",
    );
    expect((await t.wingman.send("early", "ASK", {}, OWNER)).ok).toBe(true);
    const [v] = await until(
      () => t.wingman.status("early"),
      (vs) => !!vs[0]?.pending,
    );
    expect(v?.pending).toMatchObject({ kind: "tool", tool: "Bash", optionsPending: true });
    return v!;
  }

  it("an approve sent while only the hook has announced the prompt waits for the dialog, then answers it", async () => {
    const v = await announced(1500);
    const r = await t.wingman.respond({ session: "early", action: "approve", id: v.pending!.id }, OWNER);
    expect(r.ok, say(r)).toBe(true);
    expect(say(r)).toContain("approved once");
    const lines = (await readFile(log, "utf8"))
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toEqual(["ASK", "ANSWERED"]);
  });

  it("a dialog that is still not drawn after the wait is refused with nothing pressed", async () => {
    const v = await announced(60_000);
    const r = await t.wingman.respond({ session: "early", action: "approve", id: v.pending!.id }, OWNER);
    expect(r).toMatchObject({ ok: false, error: "not_drawn" });
    const lines = (await readFile(log, "utf8"))
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toEqual(["ASK"]);
  });
});
