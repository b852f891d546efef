// Pure parts of the git operations: parsing git's -z outputs, a remote's web address, and the words a phone
// gets (at most ten files, a patch cut at 60 lines, redacted).
import { describe, expect, it } from "vitest";
import type { ChangesFacts } from "../../src/api/workspaces.js";
import { describeChanges, describeGitRefusal, describePatch } from "../../src/format/changes.js";
import { formatDetail } from "../../src/format/detail.js";
import { parseRawNumstat } from "../../src/workspaces/changes.js";
import { parseStatus } from "../../src/workspaces/git.js";
import { webUrlOf } from "../../src/workspaces/pr.js";

describe("git output", () => {
  it("raw + numstat -z: statuses, renames with oldPath, binary files with null counts, odd names", () => {
    const raw = [
      ":100644 100644 a b M",
      "src/a.ts",
      ":000000 100644 0 c A",
      "img.png",
      ":100644 100644 d e R090",
      "old/b.ts",
      "new b.ts",
      ":100644 000000 f 0 D",
      "gone\ttab.txt",
    ];
    const num = ["3\t1\tsrc/a.ts", "-\t-\timg.png", "2\t2\t", "old/b.ts", "new b.ts", "0\t5\tgone\ttab.txt"];
    expect(parseRawNumstat(`${[...raw, ...num].join("\0")}\0`)).toEqual([
      { path: "src/a.ts", status: "modified", added: 3, removed: 1 },
      { path: "img.png", status: "added", added: null, removed: null },
      { path: "new b.ts", status: "renamed", oldPath: "old/b.ts", added: 2, removed: 2 },
      { path: "gone\ttab.txt", status: "deleted", added: 0, removed: 5 },
    ]);
  });

  it("status --porcelain -z: renames carry the old path", () => {
    expect(parseStatus(" M a.txt\0R  new.txt\0old.txt\0?? loose file.txt\0")).toEqual([
      { path: "a.txt", xy: " M" },
      { path: "new.txt", xy: "R ", oldPath: "old.txt" },
      { path: "loose file.txt", xy: "??" },
    ]);
  });

  it("a remote's web address, for the compare link", () => {
    expect(webUrlOf("git@github.com:o/r.git")).toBe("https://github.com/o/r");
    expect(webUrlOf("https://github.com/o/r")).toBe("https://github.com/o/r");
    expect(webUrlOf("ssh://git@gitlab.example:2222/group/sub/r.git")).toBe("https://gitlab.example/group/sub/r");
    expect(webUrlOf("/srv/git/r.git")).toBeNull();
    expect(webUrlOf("file:///srv/git/r.git")).toBeNull();
  });
});

describe("words for a phone", () => {
  const facts = (n: number): ChangesFacts => ({
    session: "api",
    branch: "wingman/api",
    base: "main",
    ahead: 2,
    behind: 1,
    files: Array.from({ length: n }, (_, i) => ({
      path: `f${i}.ts`,
      status: "modified" as const,
      added: 1,
      removed: 0,
    })),
    uncommitted: [{ path: "loose.txt", status: "added" }],
  });

  it("one summary line, at most ten files, then the next commands", () => {
    const text = describeChanges(facts(14), { style: "chat", prefix: "/wm " });
    const lines = text.split("\n");
    expect(lines[0]).toBe("*api*: 14 files +14 −0 on wingman/api · 1 uncommitted · 2 ahead, 1 behind main");
    expect(lines.filter((l) => /^M f\d+\.ts/.test(l))).toHaveLength(10);
    expect(text).toContain("… and 4 more");
    expect(text).toContain("Next: /wm changes api f0.ts · /wm merge api commit");
    // The terminal lists every file.
    expect(
      describeChanges(facts(14), { style: "terminal" })
        .split("\n")
        .filter((l) => /^M f\d+\.ts/.test(l)),
    ).toHaveLength(14);
  });

  it("a patch is cut at 60 lines on a phone, whole in a terminal, and redacted", () => {
    const patch = [
      "diff --git a/x b/x",
      ...Array.from({ length: 100 }, (_, i) => `+line ${i}`),
      "+token=sk-ant-api03-BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB",
    ].join("\n");
    const f = { session: "api", branch: "wingman/api", path: "x", patch, binary: false };
    const phone = describePatch(f, { style: "chat" });
    expect(phone.split("\n").filter((l) => l.startsWith("+line"))).toHaveLength(59);
    expect(phone).toContain("… 42 more lines");
    const term = describePatch(f, { style: "terminal" });
    expect(term.split("\n").filter((l) => l.startsWith("+line"))).toHaveLength(100);
    expect(term).not.toContain("sk-ant-api03-BBBB");
  });

  it("a conflict names the files and says nothing changed", () => {
    expect(
      describeGitRefusal("merge", {
        session: "api",
        why: "conflict",
        files: ["a.ts", "b.ts"],
        branch: "wingman/api",
        base: "main",
      }),
    ).toBe(
      "✗ api: wingman/api conflicts with main in a.ts, b.ts; the merge was aborted, nothing changed. Try: tell api merge main into your branch and resolve the conflicts",
    );
  });
});

describe("status of one session", () => {
  it("names its branch and base, and the command that shows its changes", () => {
    const text = formatDetail(
      {
        name: "api",
        workdir: "/home/u/shop.worktrees/api",
        agent: "claude-code",
        host: null,
        state: "idle",
        pending: null,
        createdAt: "2026-12-03T08:00:00.000Z",
        lastActivityAt: "2026-12-03T08:00:00.000Z",
        worktree: {
          repo: "/home/u/shop",
          path: "/home/u/shop.worktrees/api",
          branch: "wingman/api",
          base: "main",
          baseCommit: "a".repeat(40),
        },
      },
      { now: new Date("2026-12-03T08:05:00.000Z"), style: "chat", prefix: "/wm " },
    );
    expect(text).toContain("Branch: wingman/api (from main) · /wm changes api");
  });
});
