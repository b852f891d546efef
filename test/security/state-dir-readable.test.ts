// Security: a state dir other users can read. Wingman keeps the registry, the audit, prompts' text and the
// tmux socket there; an existing WINGMAN_STATE_DIR is left as the owner made it, but the owner is told.
//   state dir exists 0755 (readable by everyone), `wingman status`  → one warning line on stderr naming the dir and "readable by everyone"; exit 0
//   state dir exists 0750 (readable by its group), `wingman status` → one warning line on stderr naming "its group"
//   state dir 0755, several commands' worth of reads in one process  → the warning is said once per process
//   state dir 0755, the core as a host runs it (the host's logger)   → the same warning once in the host's log
//   state dir 0700 (private), `wingman status`                       → nothing on stderr
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, mkdir, mkdtemp, realpath, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Logger } from "../../src/api/notify.js";
import { resolveConfig } from "../../src/config.js";
import { createWingman } from "../../src/core/wingman.js";
import { REPO } from "../../devkit/temp-wingman.js";

const BIN = join(REPO, "bin/wingman.js");

describe("a state dir others can read is said once on stderr (CLI) and in the host's log", () => {
  let root: string;

  beforeAll(async () => {
    if (!existsSync(join(REPO, "dist/cli.js")))
      throw new Error("the CLI is not built: run `npm run build` first (npm test does)");
    root = await realpath(await mkdtemp(join(tmpdir(), "wm-statedir-")));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  const stateDir = async (name: string, mode: number) => {
    const dir = join(root, name);
    await mkdir(dir);
    await chmod(dir, mode);
    return dir;
  };
  const cli = (dir: string, args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      const env: NodeJS.ProcessEnv = { ...process.env, WINGMAN_STATE_DIR: dir, HOME: root };
      delete env.WINGMAN_CONFIG;
      execFile(process.execPath, [BIN, ...args], { env }, (e, stdout, stderr) =>
        resolve({ code: e ? Number((e as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });

  it("0755 → `wingman status` says once on stderr that everyone can read it; the mode is left as it is", async () => {
    const dir = await stateDir("open", 0o755);
    const r = await cli(dir, ["status"]);
    expect(r.code).toBe(0);
    const lines = r.stderr.split("\n").filter((l) => l.includes(dir));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/readable by everyone/);
    expect(lines[0]).toMatch(/mode 755/);
    expect((await stat(dir)).mode & 0o777).toBe(0o755);
    // The same once for --json (stdout stays the JSON).
    const j = await cli(dir, ["status", "--json"]);
    expect(j.stderr.split("\n").filter((l) => l.includes(dir))).toHaveLength(1);
    expect(() => JSON.parse(j.stdout)).not.toThrow();
  });

  it("0750 → the warning names its group", async () => {
    const dir = await stateDir("group", 0o750);
    const r = await cli(dir, ["status"]);
    const lines = r.stderr.split("\n").filter((l) => l.includes(dir));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/readable by its group/);
  });

  it("the core as a host runs it: the warning goes to the host's logger, once however often the state is read", async () => {
    const dir = await stateDir("hosted", 0o705);
    const warnings: string[] = [];
    const logger: Logger = { info: () => {}, warn: (m) => warnings.push(m), error: () => {} };
    const env = { ...process.env, WINGMAN_STATE_DIR: dir };
    const w = createWingman({ config: resolveConfig({}, env), env, stateDir: dir, logger });
    await w.status();
    await w.status();
    await w.readRegistry();
    expect(warnings.filter((m) => m.includes(dir))).toHaveLength(1);
    expect(warnings[0]).toMatch(/readable by everyone/);
  });

  it("0700 → nothing on stderr", async () => {
    const dir = await stateDir("private", 0o700);
    const r = await cli(dir, ["status"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
  });
});
