// The package as a registry user gets it. `npm pack` on a clean checkout (no dist/, no manifests) must
// build (prepack) and ship what a host and a terminal need; the unpacked tarball, away from any
// node_modules, must run (`wingman --version`, `help`) and carry the metadata the hosts read.
import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, readFile, realpath, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO } from "../../devkit/temp-wingman.js";

const run = promisify(execFile);

interface Pkg {
  version: string;
  license?: string;
  keywords?: string[];
  repository?: { url?: string };
  homepage?: string;
  bugs?: { url?: string };
  files?: string[];
  dependencies?: Record<string, string>;
  scripts: Record<string, string>;
  openclaw: {
    extensions: string[];
    install?: { minHostVersion?: string; npmSpec?: string };
    compat?: { pluginApi?: string };
  };
  clawdbot: { extensions: string[] };
}

describe("npm pack on a clean checkout", () => {
  let root: string;
  let unpacked: string;
  let files: string[];

  beforeAll(async () => {
    root = await realpath(await mkdtemp(join(tmpdir(), "wm-pack-")));
    const clone = join(root, "clone");
    // The checkout's files as git sees them (tracked and new, nothing ignored: no dist/, no manifests, no skills/).
    const listed = (
      await run("git", ["ls-files", "-co", "--exclude-standard"], { cwd: REPO, maxBuffer: 50_000_000 })
    ).stdout
      .split("\n")
      .filter(Boolean);
    for (const f of listed.filter((x) => !x.startsWith("test/host/fixture/"))) {
      await mkdir(dirname(join(clone, f)), { recursive: true });
      await cp(join(REPO, f), join(clone, f)).catch((e: NodeJS.ErrnoException) => {
        if (e.code !== "ENOENT") throw e; // listed but deleted in the work tree
      });
    }
    await symlink(join(REPO, "node_modules"), join(clone, "node_modules"));
    const out = join(root, "out");
    await mkdir(out);
    const pack = await run("npm", ["pack", "--json", "--pack-destination", out], {
      cwd: clone,
      maxBuffer: 50_000_000,
      timeout: 120_000,
    });
    // npm prints the build's own output before the JSON report.
    const report = JSON.parse(pack.stdout.slice(pack.stdout.indexOf("[\n"))) as Array<{
      filename: string;
      files: Array<{ path: string }>;
    }>;
    files = report[0]!.files.map((f) => f.path);
    unpacked = join(root, "unpacked");
    await mkdir(unpacked);
    await run("tar", ["-xzf", join(out, report[0]!.filename), "-C", unpacked]);
  }, 180_000);
  afterAll(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  it("prepack builds: the tarball has the built code, the three manifests, the skill, the hook, the launcher and the bin", () => {
    for (const f of [
      "dist/index.js",
      "dist/cli.js",
      "bin/wingman.js",
      "hooks/wingman-hook.sh",
      "hooks/wingman-launch.sh",
      "clawdbot.plugin.json",
      "moltbot.plugin.json",
      "openclaw.plugin.json",
      "skills/claude-code-wingman/SKILL.md",
      "SKILL.md",
      "package.json",
      "README.md",
    ]) {
      expect(files, f).toContain(f);
    }
    expect(files.filter((f) => f.startsWith("src/") || f.startsWith("test/") || f.endsWith(".map"))).toEqual([]);
  });

  it("the unpacked tarball runs on its own (no node_modules): --version, help, completion", async () => {
    const pkg = JSON.parse(await readFile(join(unpacked, "package/package.json"), "utf8")) as Pkg;
    const bin = join(unpacked, "package/bin/wingman.js");
    const env = { ...process.env, WINGMAN_STATE_DIR: join(root, "state"), HOME: join(root, "home") };
    expect((await run(process.execPath, [bin, "--version"], { env })).stdout).toBe(`wingman ${pkg.version}\n`);
    expect((await run(process.execPath, [bin, "help", "resume"], { env })).stdout).toContain("wingman resume --all");
    expect((await run(process.execPath, [bin, "completion", "fish"], { env })).stdout).toContain("complete -c wingman");
  });

  it("metadata a registry user and the hosts read: license, keywords, no placeholder URLs, OpenClaw install floors", async () => {
    const pkg = JSON.parse(await readFile(join(unpacked, "package/package.json"), "utf8")) as Pkg;
    expect(pkg.scripts.prepack).toBe("npm run build");
    expect(pkg.license).toBe("MIT");
    // The bundles carry their runtime code: a declared dependency would make both hosts' `plugins install` run
    // `npm install` in the plugin's folder, which needs the npm registry (docs/testing.md, "The host install").
    expect(pkg.dependencies).toBeUndefined();
    expect(pkg.keywords).toEqual(expect.arrayContaining(["claude-code", "codex", "tmux", "openclaw"]));
    // No public repository exists yet: no placeholder URL a registry page would show as a dead link.
    expect([pkg.repository, pkg.homepage, pkg.bugs]).toEqual([undefined, undefined, undefined]);
    expect(pkg.clawdbot.extensions).toEqual(["./dist/index.js"]);
    expect(pkg.openclaw.extensions).toEqual(["./dist/index.js"]);
    // What OpenClaw 2026.9.6 checks at install (docs/plugins/manifest/package-json.md): semver floors.
    expect(pkg.openclaw.install?.minHostVersion).toMatch(/^>=\d{4}\.\d+\.\d+$/);
    expect(pkg.openclaw.compat?.pluginApi).toMatch(/^>=\d{4}\.\d+\.\d+$/);
    expect(pkg.openclaw.install?.npmSpec).toBe("claude-code-wingman");
  });

  it("SKILL.md: one-line metadata for every host generation, requiring tmux and any of claude, codex", async () => {
    const text = await readFile(join(unpacked, "package/skills/claude-code-wingman/SKILL.md"), "utf8");
    const front = text.split("---\n")[1]!;
    const line = front.split("\n").find((l) => l.startsWith("metadata: "))!;
    const meta = JSON.parse(line.slice("metadata: ".length)) as Record<
      string,
      { requires: { bins: string[]; anyBins: string[] } }
    >;
    for (const host of ["clawdbot", "moltbot", "openclaw"]) {
      expect(meta[host]?.requires.bins, host).toEqual(["tmux"]);
      expect(meta[host]?.requires.anyBins, host).toEqual(["claude", "codex"]);
    }
    expect(text).toBe(await readFile(join(REPO, "SKILL.md"), "utf8"));
  });
});
