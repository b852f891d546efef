// Two real Claude Code sessions in one repository, each in its own worktree, each editing the same file through
// an approved Bash prompt: both edits land on their own branches, the main checkout is untouched, the
// "finished" notification says what the branch holds, and the phone's phrases (through the same door as /wm)
// show the changes and merge one, then refuse the other's conflicting merge with nothing changed.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Notification } from "../../src/api/notify.js";
import type { Monitor } from "../../src/core/monitor/monitor.js";
import { parseCommand } from "../../src/doors/phrases/grammar.js";
import { runIntent } from "../../src/doors/phrases/run.js";
import { claudeRig, type Rig } from "../../devkit/claude-rig.js";
import { notingMonitor, waitForNote } from "../../devkit/notes.js";
import { OWNER } from "../../devkit/temp-wingman.js";
import { git, initRepo } from "../../devkit/git-repo.js";

describe("worktrees on the real CLI", () => {
  let rig: Rig;
  let monitor: Monitor;
  const sent: Notification[] = [];
  const phone = async (text: string) => {
    const parsed = parseCommand(text);
    if (!parsed.ok) throw new Error(parsed.error);
    return runIntent(rig.wingman, parsed.intent, { ...OWNER, channel: "whatsapp", id: "whatsapp:+15550001111" });
  };
  const waitNote = (pred: (n: Notification) => boolean, ms = 20_000) =>
    waitForNote(sent, pred, { ms, stepMs: 100, show: (x) => [x.type, x.session] });

  beforeAll(async () => {
    // The worktrees are new folders Claude Code has never trusted: autoTrust names the main checkout, and a
    // worktree is trusted where its main checkout would be.
    rig = await claudeRig({ config: { pollSeconds: 0.5 } });
    await initRepo(rig.work, { "notes.txt": "line one\n" });
    monitor = notingMonitor(rig.wingman, sent);
    expect(await monitor.start()).toBe(true);
  });
  afterAll(async () => {
    await monitor?.stop();
    await rig?.close();
  });

  it("two sessions edit the same file through approved prompts: each edit on its own branch, main untouched", async () => {
    for (const s of ["wt-a", "wt-b"]) {
      const reply = await phone(`spawn ${s} ${rig.work}`);
      expect(reply).toContain(`on wingman/${s} (from main)`);
      // Not trusted by Claude Code yet: the trust prompt goes to the owner, who answers it.
      const v = await rig.waitState(s, (x) => x.state === "trust_prompt" || x.state === "idle", 30_000);
      if (v.state === "trust_prompt") expect(await phone(`trust ${s}`)).toContain(s);
      await rig.waitState(s, (x) => x.state === "idle", 30_000);
    }
    for (const [s, word] of [
      ["wt-a", "alpha"],
      ["wt-b", "beta"],
    ] as const) {
      await rig.wingman.send(s, `RUN_BASH printf '${word}\\n' >> notes.txt`, {}, OWNER);
      const v = await rig.waitState(
        s,
        (x) => x.state === "waiting_approval" && !!x.pending && !x.pending.optionsPending,
        20_000,
      );
      expect(v.pending).toMatchObject({ tool: "Bash", risk: "normal" });
      expect(await phone(`approve ${s} ${v.pending!.id}`)).toContain("approved once");
      await rig.waitState(s, (x) => x.state === "idle", 20_000);
    }
    const wtA = join(rig.root, "project.worktrees", "wt-a");
    const wtB = join(rig.root, "project.worktrees", "wt-b");
    expect(await readFile(join(wtA, "notes.txt"), "utf8")).toBe("line one\nalpha\n");
    expect(await readFile(join(wtB, "notes.txt"), "utf8")).toBe("line one\nbeta\n");
    expect(await readFile(join(rig.work, "notes.txt"), "utf8")).toBe("line one\n");
    expect(await git(rig.work, "status", "--porcelain")).toBe("");
    expect(await git(wtA, "rev-parse", "--abbrev-ref", "HEAD")).toBe("wingman/wt-a");

    const fin = await waitNote((n) => n.type === "finished" && n.session === "wt-b");
    expect(fin.changes).toMatchObject({ branch: "wingman/wt-b", files: 0, uncommitted: 1 });
    expect(fin.text).toContain("0 files +0 −0 on wingman/wt-b · 1 uncommitted");
  });

  it("from the phone: changes, merge commit lands one; the other's merge conflicts and changes nothing", async () => {
    const changes = await phone("changes wt-a");
    expect(changes).toContain("wt-a*: 0 files +0 −0 on wingman/wt-a · 1 uncommitted");
    expect(changes).toContain("M notes.txt");
    const patch = await phone("changes wt-a notes.txt");
    expect(patch).toContain("+alpha");
    expect(await phone("merge wt-a")).toContain(
      "has 1 uncommitted file (notes.txt): /wm merge wt-a commit commits them first",
    );
    const merged = await phone("merge wt-a commit");
    expect(merged).toContain("wingman/wt-a merged into main");
    expect(await readFile(join(rig.work, "notes.txt"), "utf8")).toBe("line one\nalpha\n");
    const head = await git(rig.work, "rev-parse", "HEAD");
    const conflict = await phone("merge wt-b commit");
    expect(conflict).toContain("conflicts with main in notes.txt; the merge was aborted, nothing changed");
    expect(await git(rig.work, "rev-parse", "HEAD")).toBe(head);
    expect(await git(rig.work, "status", "--porcelain")).toBe("");
    expect(await phone("kill wt-a clean")).toContain("branch wingman/wt-a deleted (merged)");
  });
});
