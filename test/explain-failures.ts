// After a test fails, each real-agent rig still open says what its sessions were doing at that moment (the view,
// the folded hook state, the screen's last lines, the agent's processes, the mock's last requests): a send
// refused as "working" right after a turn, or a state never reached, then shows why in the run's own output
// instead of leaving only "expected false to be true" (docs/testing.md, "a seventh stop").
import { afterEach } from "vitest";
import { liveRigs } from "../devkit/live-rigs.js";

afterEach(async (ctx) => {
  if (ctx.task.result?.state !== "fail" || liveRigs.size === 0) return;
  for (const rig of liveRigs) {
    // A rig whose tmux or agent is already gone says so; this hook never adds a failure of its own.
    const seen = await rig.explain().catch((e: Error) => `nothing to tell: ${e.message}`);
    console.log(`what the rig saw when "${ctx.task.name}" failed:\n${seen}`);
  }
});
