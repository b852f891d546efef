// The system packages the tests need and npm cannot bring, checked first by `npm test` (its `pretest`):
// tmux (every real-tmux test), openssh-server's sshd (the fake SSH hosts of test/remote/, devkit/fake-ssh-host.ts),
// fish (a fake host's login shell) and inotify-tools (a fake host's inotifywait). When one is missing the test command installs it with apt-get only as
// root or with CI=true (through `sudo -n` when not root); otherwise it stops at once with the one command to run.
// Nothing is skipped: a missing package stops the run. docs/testing.md, "What a run needs".
//
//   node devkit/system-packages.ts                      check, and install or stop
//   node devkit/system-packages.ts --dry-run            say what it would do; change nothing
//   node devkit/system-packages.ts --dry-run --pretend-missing=openssh-server,fish [--pretend-not-root]
//                                                       the same, as on a machine without those (for a look
//                                                       at the absent path without uninstalling anything)
import { execFileSync, spawnSync } from "node:child_process";
import { accessSync, constants, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, isAbsolute, join } from "node:path";

export interface SystemPackage {
  /** The Debian/Ubuntu package name. */
  name: string;
  /** The program that proves it is installed: a name looked up on PATH, or an absolute path. */
  program: string;
  why: string;
}

export const SYSTEM_PACKAGES: readonly SystemPackage[] = [
  { name: "tmux", program: "tmux", why: "integration, e2e, browser, host and remote tests drive real tmux" },
  { name: "openssh-server", program: "/usr/sbin/sshd", why: "the fake SSH hosts of test/remote/ run `sshd -i`" },
  { name: "fish", program: "fish", why: "a fake SSH host's login shell in the remote tests" },
  {
    name: "inotify-tools",
    program: "inotifywait",
    why: "a fake SSH host that watches signal files with inotifywait (test/remote/stream.test.ts)",
  },
];

/** Where openssh-server's postinst looks before starting a service; exit 101 means "start nothing". */
export const POLICY_RC_D = "/usr/sbin/policy-rc.d";

export function programFound(program: string, path = process.env.PATH ?? ""): boolean {
  const candidates = isAbsolute(program)
    ? [program]
    : path
        .split(delimiter)
        .filter(Boolean)
        .map((d) => join(d, program));
  return candidates.some((file) => {
    try {
      accessSync(file, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

export interface Situation {
  /** Package names that are missing. */
  missing: string[];
  root: boolean;
  /** CI=true: a CI runner, where installing is expected (through `sudo -n` when not root). */
  ci: boolean;
  hasAptGet: boolean;
}

export type Plan =
  | { action: "nothing" }
  | { action: "install"; packages: string[]; sudo: boolean }
  | { action: "stop"; packages: string[]; message: string };

/** The decision, kept pure so every branch is unit-tested on any machine (test/unit/system-packages.test.ts). */
export function plan(s: Situation): Plan {
  if (s.missing.length === 0) return { action: "nothing" };
  const list = s.missing.join(" ");
  if (!s.hasAptGet) {
    return {
      action: "stop",
      packages: s.missing,
      message: `this machine has no apt-get: install ${list} with its package manager, then run the tests again`,
    };
  }
  if (s.root) return { action: "install", packages: s.missing, sudo: false };
  if (s.ci) return { action: "install", packages: s.missing, sudo: true };
  return {
    action: "stop",
    packages: s.missing,
    message: `run this once, then the tests again:\n  sudo apt-get install -y ${list}`,
  };
}

/** The commands an install runs, in order; `policy` says whether a temporary policy-rc.d is put in place first. */
export function installCommands(packages: string[], sudo: boolean, policyFile: string | undefined): string[][] {
  const as = (argv: string[]) => (sudo ? ["sudo", "-n", ...argv] : argv);
  const out: string[][] = [];
  if (policyFile) out.push(as(["install", "-m", "755", policyFile, POLICY_RC_D]));
  out.push(as(["apt-get", "update", "-qq"]));
  out.push(
    as([
      "env",
      "DEBIAN_FRONTEND=noninteractive",
      "apt-get",
      "install",
      "-y",
      "-qq",
      "--no-install-recommends",
      ...packages,
    ]),
  );
  if (policyFile) out.push(as(["rm", "-f", POLICY_RC_D]));
  return out;
}

/**
 * Another apt holds apt's lock: a fresh machine's own daily upgrade often runs at boot, just when CI starts.
 * `apt-get install` could wait by itself (DPkg::Lock::Timeout), `apt-get update` cannot (apt 2.6 has no wait for
 * its lists lock), so a step that failed on a lock runs again, every few seconds, for up to APT_LOCK_WAIT_MS.
 * Nothing else is run again: any other failure stops the install with apt's own words.
 */
export const APT_LOCK_WAIT_MS = 300_000;
export function lockedOut(stderr: string): boolean {
  return /Could not get lock|Unable to acquire the dpkg frontend lock|Unable to lock directory/.test(stderr);
}

/** One install step, waiting out another apt's lock; throws with apt's message on any other failure. */
function runStep(argv: string[]): void {
  const deadline = Date.now() + APT_LOCK_WAIT_MS;
  let told = false;
  for (;;) {
    const r = spawnSync(argv[0]!, argv.slice(1), { stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
    if (r.status === 0) return;
    const stderr = r.stderr ?? "";
    if (lockedOut(stderr) && Date.now() < deadline) {
      if (!told)
        console.log(`test set-up: another apt holds its lock; waiting for it (up to ${APT_LOCK_WAIT_MS / 60_000} min)`);
      told = true;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 3000);
      continue;
    }
    process.stderr.write(stderr);
    throw new Error(`${argv.join(" ")} exited ${r.status ?? r.signal ?? r.error?.message}`);
  }
}

/** The packages missing here (or pretended to be). */
function missingNow(pretendMissing: string[] = []): string[] {
  return SYSTEM_PACKAGES.filter((p) => pretendMissing.includes(p.name) || !programFound(p.program)).map((p) => p.name);
}

/** This machine as it is (or as it would be with `pretendMissing` absent and, if asked, not root). */
export function situationNow(pretendMissing: string[] = [], pretendNotRoot = false): Situation {
  return {
    missing: missingNow(pretendMissing),
    root: process.getuid?.() === 0 && !pretendNotRoot,
    ci: process.env.CI === "true",
    hasAptGet: programFound("apt-get"),
  };
}

function describe(names: string[]): string {
  return names.map((n) => `${n} (${SYSTEM_PACKAGES.find((p) => p.name === n)?.why ?? "?"})`).join("; ");
}

function main(argv: string[]): number {
  const dryRun = argv.includes("--dry-run");
  const pretendMissing =
    argv
      .find((a) => a.startsWith("--pretend-missing="))
      ?.slice("--pretend-missing=".length)
      .split(",")
      .filter(Boolean) ?? [];
  const pretendNotRoot = argv.includes("--pretend-not-root");
  if ((pretendMissing.length > 0 || pretendNotRoot) && !dryRun) {
    console.error("test set-up: --pretend-missing and --pretend-not-root are for a look with --dry-run only");
    return 2;
  }
  const unknown = pretendMissing.filter((n) => !SYSTEM_PACKAGES.some((p) => p.name === n));
  if (unknown.length > 0) {
    console.error(`test set-up: no such system package: ${unknown.join(", ")}`);
    return 2;
  }
  const situation = situationNow(pretendMissing, pretendNotRoot);
  const p = plan(situation);
  if (p.action === "nothing") {
    console.log(`test set-up: system packages present (${SYSTEM_PACKAGES.map((x) => x.name).join(", ")})`);
    return 0;
  }
  console.log(`test set-up: missing system packages: ${describe(p.packages)}`);
  if (p.action === "stop") {
    console.error(`test set-up: ${p.message}`);
    return 1;
  }
  // openssh-server's postinst would start (and enable) the system sshd; the tests need no service, and a CI
  // machine must not be left listening on port 22. Docker images ship a policy-rc.d; elsewhere one is put in
  // place for the install only.
  const ownPolicy = !existsSync(POLICY_RC_D);
  const dir = ownPolicy ? mkdtempSync(join(tmpdir(), "wm-policy-")) : undefined;
  const policyFile = dir ? join(dir, "policy-rc.d") : undefined;
  const commands = installCommands(p.packages, p.sudo, policyFile);
  const why = p.sudo ? "CI=true" : "running as root";
  if (dryRun) {
    console.log(`test set-up: would install (${why}):`);
    for (const c of commands) console.log(`  ${c.join(" ")}`);
    if (dir) rmSync(dir, { recursive: true, force: true });
    return 0;
  }
  console.log(`test set-up: installing ${p.packages.join(" ")} with apt-get (${why})`);
  const started = Date.now();
  try {
    if (policyFile) writeFileSync(policyFile, "#!/bin/sh\nexit 101\n", { mode: 0o755 });
    for (const c of commands.slice(0, policyFile ? -1 : undefined)) runStep(c);
  } catch (e) {
    console.error(
      `test set-up: the install failed (${(e as Error).message.split("\n")[0]}); to do it by hand:\n  sudo apt-get install -y ${p.packages.join(" ")}`,
    );
    return 1;
  } finally {
    if (policyFile) {
      const rmPolicy = commands.at(-1)!;
      execFileSync(rmPolicy[0]!, rmPolicy.slice(1), { stdio: "inherit" });
      rmSync(dir!, { recursive: true, force: true });
    }
  }
  const still = missingNow(pretendMissing);
  if (still.length > 0) {
    console.error(`test set-up: still missing after the install: ${still.join(" ")}`);
    return 1;
  }
  console.log(`test set-up: installed ${p.packages.join(" ")} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return 0;
}

if (import.meta.main) process.exitCode = main(process.argv.slice(2));
