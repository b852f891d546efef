// Host kinds: the factory table (hosts/index.ts), this machine's probe (like an SSH host's), and the one
// way hosts run a program (hosts/run.ts). Real processes, no tmux server: `tmux -V` needs none.
import { mkdir, mkdtemp, readFile, rm, utimes, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { describe, expect, it } from "vitest";
import { createLocalHost, createRemoteHost, HOST_KINDS } from "../../src/hosts/index.js";
import { programVersion } from "../../src/hosts/local.js";
import { findProgram, runProgram } from "../../src/hosts/run.js";

describe("host kinds", () => {
  it("local and ssh are kinds of the table; an unknown kind is refused by name", () => {
    expect(HOST_KINDS).toEqual(["local", "ssh"]);
    const ssh = createRemoteHost("build", { kind: "ssh", ssh: "me@build" }, join(tmpdir(), "wm-none"));
    expect([ssh.kind, ssh.address, ssh.name]).toEqual(["ssh", "me@build", "build"]);
    expect(() => createRemoteHost("pod", { kind: "kube", ssh: "x" }, tmpdir())).toThrow(
      /host pod: unknown kind "kube" \(kinds: ssh\)/,
    );
  });

  it("this machine probes like another: always reachable, its tmux, each program's --version or null", async () => {
    const local = createLocalHost(join(tmpdir(), `wm-probe-${process.pid}.sock`));
    expect([local.kind, local.address]).toEqual(["local", hostname()]);
    const missing = join(tmpdir(), "no-such-agent-program");
    const p = await local.probe([process.execPath, missing]);
    expect(p.reachable).toBe(true);
    expect(p.tmuxVersion).toMatch(/^tmux \d/);
    expect(p.programs).toEqual({ [process.execPath]: `v${process.versions.node}`, [missing]: null });
  });
});

describe("a program's version, read once per file", () => {
  it("asked again only when the file changes, after five minutes, or when it did not answer", async () => {
    const dir = await mkdtemp(join(tmpdir(), "wm-version-"));
    try {
      const prog = join(dir, "agent");
      const runs = join(dir, "runs");
      const script = (v: string) => `#!/bin/sh\necho run >> '${runs}'\necho '${v}'\n`;
      await writeFile(prog, script("1.0.0 (agent)"), { mode: 0o755 });
      const count = async () => (await readFile(runs, "utf8").catch(() => "")).split("\n").filter(Boolean).length;
      const t0 = Date.now();
      expect(await programVersion(prog, t0)).toBe("1.0.0 (agent)");
      expect(await programVersion(prog, t0 + 1000)).toBe("1.0.0 (agent)");
      expect(await count()).toBe(1);
      // An upgrade writes the file again: a new identity, read at once.
      await writeFile(prog, script("1.1.0 (agent)"));
      await utimes(prog, new Date(), new Date(t0 + 60_000));
      expect(await programVersion(prog, t0 + 2000)).toBe("1.1.0 (agent)");
      expect(await count()).toBe(2);
      // The same file, five minutes on: read again (a wrapper may start another program by then).
      expect(await programVersion(prog, t0 + 2000 + 5 * 60_000)).toBe("1.1.0 (agent)");
      expect(await count()).toBe(3);
      // A program that fails is not remembered as missing.
      await writeFile(prog, `#!/bin/sh\necho run >> '${runs}'\nexit 1\n`);
      await utimes(prog, new Date(), new Date(t0 + 120_000));
      expect(await programVersion(prog, t0 + 3000)).toBeNull();
      expect(await programVersion(prog, t0 + 3001)).toBeNull();
      expect(await count()).toBe(5);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("findProgram", () => {
  it("a path as given; a bare name in the first PATH folder that has it executable; null when none", async () => {
    const dir = await mkdtemp(join(tmpdir(), "wm-find-"));
    try {
      const [a, b] = [join(dir, "a"), join(dir, "b")];
      await mkdir(a);
      await mkdir(b);
      await writeFile(join(a, "agent"), "#!/bin/sh\n", { mode: 0o644 }); // not executable: skipped
      await writeFile(join(b, "agent"), "#!/bin/sh\n", { mode: 0o755 });
      expect(await findProgram("agent", `${a}${delimiter}${b}`)).toBe(join(b, "agent"));
      expect(await findProgram(join(b, "agent"), undefined)).toBe(join(b, "agent"));
      expect(await findProgram("agent", a)).toBeNull();
      expect(await findProgram(join(a, "agent"), undefined)).toBeNull();
      expect(await findProgram("agent", undefined)).toBeNull();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("runProgram", () => {
  it("argv as given, stdin text, output and exit status kept apart", async () => {
    const r = await runProgram("sh", ["-c", 'cat; echo "$1" >&2; exit 3', "sh", "a b; $(x)"], { input: "in\n" });
    expect(r).toEqual({ exitCode: 3, stdout: "in\n", stderr: "a b; $(x)\n" });
  });

  it("a missing program, a time limit: no exit status, and why", async () => {
    const gone = await runProgram(join(tmpdir(), "no-such-program"), []);
    expect(gone.exitCode).toBeNull();
    expect(gone.notFound).toBe(true);
    expect(gone.failure).toMatch(/ENOENT/);
    const slow = await runProgram("sleep", ["5"], { timeoutMs: 100 });
    expect(slow.exitCode).toBeNull();
    expect(slow.failure).toBe("timed out after 100 ms");
  });
});
