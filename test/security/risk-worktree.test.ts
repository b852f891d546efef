// The worktree risk rules: a session in its own worktree reaching into its main checkout or another session's
// worktree is high risk; git's own config, hooks and info are high risk anywhere; the git common dir is not.
import { describe, expect, it } from "vitest";
import { assessRisk } from "../../src/core/approvals/risk.js";

const WT = "/home/u/code/api.worktrees/fix";
const FENCES = ["/home/u/code/api", "/home/u/code/api.worktrees/other"];
const bash = (detail: string, fences = FENCES) =>
  assessRisk({ kind: "tool", tool: "Bash", detail }, WT, "shell", fences);
const write = (detail: string, fences = FENCES) =>
  assessRisk({ kind: "tool", tool: "Write", detail }, WT, "write", fences);

describe("worktree fences", () => {
  it("a command or a path into the main checkout or another worktree is high", () => {
    for (const c of [
      "cat /home/u/code/api/src/a.ts",
      "cd ../../api && npm test",
      "git -C /home/u/code/api checkout main",
      "ls /home/u/code/api.worktrees/other",
      "cp x.txt ../other/x.txt",
    ]) {
      expect(bash(c), c).toMatchObject({
        tier: "high",
        reasons: expect.arrayContaining(["reaches into the main checkout or another session's worktree"]),
      });
    }
    expect(write("/home/u/code/api/src/a.ts").tier).toBe("high");
    expect(write("/home/u/code/api.worktrees/other/a.ts").tier).toBe("high");
  });

  it("its own worktree, the git common dir and unrelated places are not fenced", () => {
    expect(bash("npm test").tier).not.toBe("high");
    expect(bash(`cat ${WT}/src/a.ts ./b.ts src/c.ts`).tier).not.toBe("high");
    expect(bash("git log /home/u/code/api/.git/refs/heads").tier).not.toBe("high");
    expect(write(`${WT}/src/a.ts`).tier).toBe("normal");
    // Without fences (a session without a worktree) nothing changes.
    expect(bash("cat /home/u/code/api/src/a.ts", []).tier).not.toBe("high");
  });

  it("git config and writes to .git/config, .git/hooks, .git/info are high anywhere", () => {
    for (const c of [
      "git config core.hooksPath .h",
      "git -C . config --add x.y z",
      "echo x >> .git/info/attributes",
      "cp evil /home/u/code/api/.git/hooks/pre-commit",
      "printf '[core]' > .git/config",
    ]) {
      expect(bash(c, []).tier, c).toBe("high");
    }
    expect(write("/home/u/code/api/.git/hooks/post-checkout", []).tier).toBe("high");
    expect(write("/home/u/code/api/.git/worktrees/fix/config.worktree", []).tier).toBe("high");
    expect(bash("git commit -m 'update the config loader'", []).tier).not.toBe("high");
  });
});
