// The README cannot drift from the CLI (issue: "a README a newcomer can follow"). Every shell block in it is
// tagged just above its fence: `<!-- readme-test: run -->` blocks run here, line by line as a newcomer would
// paste them, against real tmux and the stand-in agent (devkit/standin-agent.mjs) with a private HOME, state
// dir and tmux socket; `<!-- readme-test: skip (why) -->` blocks are not run, and say why. Config blocks
// (`readme-test: config HOST`) are parsed and Wingman's entry is checked against the plugin's own schema. The
// phone exchange is rendered here from the real formatters and must match the README's text exactly.
import { execFile } from "node:child_process";
import { chmod, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { promisify } from "node:util";
import JSON5 from "json5";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PendingPrompt } from "../../src/api/types.js";
import { resolveConfig } from "../../src/config.js";
import { formatNotification } from "../../src/format/notify.js";
import { describeDone, describeRefusal } from "../../src/format/outcomes.js";
import { bash4, opt } from "../../devkit/prompts.js";
import { initRepo } from "../../devkit/git-repo.js";

const run = promisify(execFile);
const REPO = join(import.meta.dirname, "../..");

interface Block {
  lang: string;
  tag: string | null;
  body: string;
  line: number;
}

/** The README's fenced blocks, each with the `readme-test:` tag written on the line above it (if any). */
function blocks(readme: string): Block[] {
  const lines = readme.split("\n");
  const out: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)$/.exec(lines[i]!);
    if (!open) continue;
    const end = lines.indexOf("```", i + 1);
    if (end < 0) throw new Error(`README line ${i + 1}: a fence that never closes`);
    const above = i > 0 ? /^<!-- readme-test: (.+) -->$/.exec(lines[i - 1]!) : null;
    out.push({ lang: open[1]!, tag: above?.[1] ?? null, body: lines.slice(i + 1, end).join("\n"), line: i + 1 });
    i = end;
  }
  return out;
}

const readme = await readFile(join(REPO, "README.md"), "utf8");
const all = blocks(readme);
const shell = all.filter((b) => b.lang === "bash");
const runnable = shell.filter((b) => b.tag === "run");

describe("README", () => {
  it("is short enough to read (under 250 lines)", () => {
    expect(readme.split("\n").length).toBeLessThan(250);
  });

  it("tags every shell block: run, or skip with a reason", () => {
    for (const b of shell) expect(b.tag, `README line ${b.line}`).toMatch(/^(run|skip \(.+\))$/);
    // The count is part of the promise: a block quietly turned to "skip" fails here.
    expect(runnable.length).toBe(2);
  });

  it("links only to files that exist", async () => {
    for (const [, target] of readme.matchAll(/\]\(((?:docs|bench|test|src)\/[^)#\s]*)/g)) {
      await expect(readFile(join(REPO, target!)).then(() => target)).resolves.toBe(target);
    }
  });

  it("gives configs that the hosts' owner rules and Wingman's schema accept", () => {
    const configs = all.filter((b) => b.tag?.startsWith("config "));
    expect(configs.map((b) => b.tag)).toEqual(["config openclaw", "config clawdbot"]);
    for (const b of configs) {
      const cfg = JSON5.parse(b.body) as {
        channels: { whatsapp: { allowFrom: string[] } };
        commands?: { ownerAllowFrom: string[] };
        plugins: { entries: Record<string, { enabled: boolean; config: { notify: { to: string } } }> };
      };
      const entry = cfg.plugins.entries["claude-code-wingman"]!;
      expect(entry.enabled).toBe(true);
      expect(() => resolveConfig(entry.config, {})).not.toThrow();
      // Notifications go to the owner, who is the one allowed number.
      expect(cfg.channels.whatsapp.allowFrom).toEqual([entry.config.notify.to]);
      if (b.tag === "config openclaw")
        expect(cfg.commands?.ownerAllowFrom).toEqual([`whatsapp:${entry.config.notify.to}`]);
    }
  });

  it("shows the phone exchange exactly as Wingman writes it", () => {
    const exchange = all.find((b) => b.lang === "text" && b.body.startsWith("/wm spawn web-build"));
    expect(exchange, "the phone exchange block").toBeDefined();
    expect(exchange!.body).toBe(phoneExchange());
  });

  describe("shell blocks, run as pasted", () => {
    let home: string;
    let env: NodeJS.ProcessEnv;
    beforeAll(async () => {
      home = await mkdtemp(join(tmpdir(), "wm-readme-"));
      const bin = join(home, "bin");
      await mkdir(bin);
      // `wingman` as `npm install -g` would put it on PATH; Node 24 (this run's) first, as the package needs.
      await symlink(join(REPO, "bin/wingman.js"), join(bin, "wingman"));
      await chmod(join(REPO, "bin/wingman.js"), 0o755);
      env = {
        ...process.env,
        HOME: home,
        PATH: [bin, dirname(process.execPath), process.env.PATH].join(delimiter),
        WINGMAN_STATE_DIR: join(home, "state"),
        WINGMAN_TMUX_SOCKET: join(home, "tmux.sock"),
        WINGMAN_CLAUDE_COMMAND: join(REPO, "devkit/standin-agent.mjs"),
        STANDIN_LOG: join(home, "standin.log"),
        NO_COLOR: "1",
      };
      delete env.WINGMAN_CONFIG;
      delete env.TMUX;
      // The folders the README names are a newcomer's own projects: git repositories with one commit.
      const named = new Set([...readme.matchAll(/~\/code\/([a-z-]+)/g)].map((m) => m[1]!));
      for (const dir of named) await initRepo(join(home, "code", dir), { "README.md": `# ${dir}\n` });
    });
    afterAll(async () => {
      // Only this test's own tmux server, by its own socket.
      await run("tmux", ["-S", join(home, "tmux.sock"), "kill-server"]).catch(() => {});
      await rm(home, { recursive: true, force: true });
    });

    it.each(runnable.map((b) => [b.line, b] as const))("block at README line %i runs green", async (_line, b) => {
      const script = join(home, `block-${b.line}.sh`);
      await writeFile(script, `set -eu\n${b.body}\n`);
      const r = await run("bash", [script], { env, cwd: home, timeout: 120_000 }).then(
        (ok) => ({ ...ok, code: 0 }),
        (e: { code: number; stdout: string; stderr: string }) => e,
      );
      expect({ exit: r.code, stderr: r.stderr }, r.stdout).toEqual({ exit: 0, stderr: "" });
    });

    it("leaves what the README says: hello ended, api's worktree and branch removed", async () => {
      const status = await run("wingman", ["status", "--json"], { env, cwd: home });
      const sessions = (JSON.parse(status.stdout) as { sessions: Array<{ name: string; state: string }> }).sessions;
      expect(sessions.find((x) => x.name === "hello")?.state).toBe("exited");
      await expect(readFile(join(home, "code/shop.worktrees/api/README.md"))).rejects.toThrow(/ENOENT/);
      const branches = await run("git", ["branch", "--list", "wingman/*"], { cwd: join(home, "code/shop") });
      expect(branches.stdout).toBe("");
    });
  });
});

/** The README's phone exchange, from the real formatters: what each message says for these facts. */
function phoneExchange(): string {
  const at = "2026-12-03T14:02:00.000Z";
  const prompt = (p: Partial<PendingPrompt>): PendingPrompt => ({
    ...bash4,
    detail: "npm run build",
    options: [
      opt(1, "Yes", "once", { highlighted: true }),
      opt(2, "Yes, and don’t ask again for: npm run *", "always", { scope: "npm run *" }),
      ...bash4.options.slice(2),
    ],
    id: "trs7",
    fingerprint: "f",
    since: at,
    risk: "normal",
    riskReasons: [],
    ...p,
  });
  const build = prompt({});
  const psql = prompt({ id: "k2m9", detail: "psql prod" });
  const rmrf = prompt({ id: "x8c4", detail: "rm -rf dist", risk: "high", riskReasons: ["rm -rf"] });
  const s = "web-build";
  const workdir = "/home/me/code/web-app";
  const wingman = (text: string) =>
    text
      .split("\n")
      .map((l) => `    ${l}`)
      .join("\n");
  return [
    `/wm spawn ${s} ~/code/web-app run the build and fix what breaks`,
    wingman(
      describeDone({
        ok: true,
        code: "started",
        facts: {
          session: s,
          workdir: `${workdir}.worktrees/${s}`,
          agent: "claude-code",
          notes: {
            worktree: {
              path: `${workdir}.worktrees/${s}`,
              branch: `wingman/${s}`,
              base: "main",
              made: "new",
              mainChanges: 0,
              repo: workdir,
            },
            prompt: { status: "sent" },
          },
          view: null,
        },
      }),
    ),
    wingman(formatNotification({ type: "approval_needed", session: s, at, id: build.id, pending: build })),
    `/wm always ${s} trs7`,
    wingman(
      describeDone({
        ok: true,
        code: "always_allowed",
        facts: { session: s, prompt: build, option: build.options[1]!.label, scope: "npm run *" },
      }),
    ),
    `/wm deny ${s} k2m9 use the staging database`,
    wingman(
      describeDone({
        ok: true,
        code: "denied",
        facts: {
          session: s,
          prompt: psql,
          reason: "use the staging database",
          agent: "Claude Code",
          told: "dialog",
          note: null,
        },
      }),
    ),
    `/wm approve ${s} x8c4`,
    wingman(describeRefusal({ why: "needs_confirm", session: s, pending: rmrf })),
    `/wm approve ${s} x8c4 confirm`,
    wingman(describeDone({ ok: true, code: "approved", facts: { session: s, prompt: rmrf, option: "Yes" } })),
    wingman(
      formatNotification({
        type: "finished",
        session: s,
        at,
        lastMessage: "Fixed the import in src/app.ts; the build passes.",
        changes: {
          branch: `wingman/${s}`,
          base: "main",
          ahead: 1,
          behind: 0,
          files: 1,
          added: 1,
          removed: 1,
          uncommitted: 0,
        },
      }),
    ),
  ].join("\n");
}
