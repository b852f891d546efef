// The auto-mode fallback on the real CLI (issue: approvals, "the auto-mode fallback dialog"): against a
// gateway, auto mode's server check cannot run, so Claude Code shows a notice answered by bare keys, then
// an unnumbered No/Yes dialog with No preselected. Both are answered through Wingman, by meaning.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claudeRig, type Rig } from "../../devkit/claude-rig.js";
import { OWNER } from "../../devkit/temp-wingman.js";
import { say } from "../../devkit/say.js";

describe("auto-mode fallback dialogs (real CLI)", () => {
  let rig: Rig;
  const S = "auto";
  beforeAll(async () => {
    rig = await claudeRig({ config: { claude: { permissionMode: "auto" } } });
    await rig.startIdle(S);
  });
  afterAll(async () => {
    await rig?.close();
  });

  it("the notice: 'approve' stays in auto mode; then the No/Yes prompt: 'approve' moves to Yes", async () => {
    await rig.wingman.send(S, "RUN_BASH python3 -c 'print(5*5)'", {}, OWNER);
    const notice = await rig.waitState(
      S,
      (v) => v.state === "waiting_input" && !!v.pending && !v.pending.optionsPending,
      20_000,
    );
    expect(notice.pending).toMatchObject({ kind: "dialog", question: "Auto mode can't check actions in this session" });
    const stay = await rig.wingman.respond({ session: S, action: "approve", id: notice.pending!.id }, OWNER);
    expect(stay.ok, say(stay)).toBe(true);
    expect(say(stay)).toContain("Stay in auto mode");

    const ask = await rig.waitState(
      S,
      (v) => v.state === "waiting_approval" && !!v.pending && !v.pending.optionsPending,
      20_000,
    );
    expect(ask.pending).toMatchObject({ kind: "tool", tool: "Bash", detail: "python3 -c 'print(5*5)'" });
    expect(ask.pending?.options.map((o) => [o.label, o.role, o.highlighted])).toEqual([
      ["No", "no", true],
      ["Yes", "once", false],
    ]);
    const yes = await rig.wingman.respond({ session: S, action: "approve", id: ask.pending!.id }, OWNER);
    expect(yes.ok, say(yes)).toBe(true);
    await rig.modelSaw("25");
  });
});
