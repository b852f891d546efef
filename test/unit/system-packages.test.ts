// What `npm test` does about the system packages it cannot get from npm (devkit/system-packages.ts): every
// branch of the decision, the install's commands (a temporary policy-rc.d so no sshd service starts), and the
// script itself on this machine in its dry-run mode, with packages pretended absent (the real absent path is
// checked on a machine without them: docs/testing.md).
import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import {
  installCommands,
  lockedOut,
  plan,
  POLICY_RC_D,
  programFound,
  SYSTEM_PACKAGES,
} from "../../devkit/system-packages.js";

const SCRIPT = resolve(import.meta.dirname, "../../devkit/system-packages.ts");

function script(args: string[], env: Record<string, string> = {}): { code: number; out: string } {
  const { CI: _ci, ...base } = process.env;
  try {
    const out = execFileSync(process.execPath, [SCRIPT, ...args], {
      env: { ...base, ...env },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    return { code: 0, out };
  } catch (e) {
    const err = e as { status: number; stdout: string; stderr: string };
    return { code: err.status, out: err.stdout + err.stderr };
  }
}

describe("system packages for the tests", () => {
  it("names tmux, openssh-server (by /usr/sbin/sshd), fish and inotify-tools", () => {
    expect(SYSTEM_PACKAGES.map((p) => [p.name, p.program])).toEqual([
      ["tmux", "tmux"],
      ["openssh-server", "/usr/sbin/sshd"],
      ["fish", "fish"],
      ["inotify-tools", "inotifywait"],
    ]);
  });

  it("finds a program on PATH only when it is executable", () => {
    const dir = mkdtempSync(join(tmpdir(), "wm-path-"));
    try {
      writeFileSync(join(dir, "tool"), "#!/bin/sh\n");
      expect(programFound("tool", dir)).toBe(false);
      chmodSync(join(dir, "tool"), 0o755);
      expect(programFound("tool", dir)).toBe(true);
      expect(programFound(join(dir, "tool"))).toBe(true);
      expect(programFound("tool", "")).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("nothing missing: nothing to do, whoever runs it", () => {
    expect(plan({ missing: [], root: false, ci: false, hasAptGet: false })).toEqual({ action: "nothing" });
  });

  it("as root: installs with apt-get, no sudo", () => {
    expect(plan({ missing: ["openssh-server", "fish"], root: true, ci: false, hasAptGet: true })).toEqual({
      action: "install",
      packages: ["openssh-server", "fish"],
      sudo: false,
    });
  });

  it("with CI=true and not root: installs through sudo -n", () => {
    expect(plan({ missing: ["fish"], root: false, ci: true, hasAptGet: true })).toEqual({
      action: "install",
      packages: ["fish"],
      sudo: true,
    });
  });

  it("a person who is not root (sudo or not): stops with the one command to run", () => {
    const p = plan({ missing: ["tmux", "openssh-server"], root: false, ci: false, hasAptGet: true });
    expect(p).toEqual({
      action: "stop",
      packages: ["tmux", "openssh-server"],
      message: "run this once, then the tests again:\n  sudo apt-get install -y tmux openssh-server",
    });
  });

  it("no apt-get: stops and says what to install, even as root", () => {
    const p = plan({ missing: ["fish"], root: true, ci: true, hasAptGet: false });
    expect(p.action).toBe("stop");
    expect(p.action === "stop" && p.message).toContain("install fish with its package manager");
  });

  it("the install puts a policy-rc.d saying 101 in place first and removes it last", () => {
    expect(installCommands(["openssh-server"], false, "/tmp/x/policy-rc.d")).toEqual([
      ["install", "-m", "755", "/tmp/x/policy-rc.d", POLICY_RC_D],
      ["apt-get", "update", "-qq"],
      [
        "env",
        "DEBIAN_FRONTEND=noninteractive",
        "apt-get",
        "install",
        "-y",
        "-qq",
        "--no-install-recommends",
        "openssh-server",
      ],
      ["rm", "-f", POLICY_RC_D],
    ]);
    // A machine that has its own policy-rc.d (Docker images) keeps it; with sudo every step goes through sudo -n.
    expect(installCommands(["fish"], true, undefined)).toEqual([
      ["sudo", "-n", "apt-get", "update", "-qq"],
      [
        "sudo",
        "-n",
        "env",
        "DEBIAN_FRONTEND=noninteractive",
        "apt-get",
        "install",
        "-y",
        "-qq",
        "--no-install-recommends",
        "fish",
      ],
    ]);
  });

  it("waits out only another apt's lock (apt 2.6's own words), no other failure", () => {
    // What apt-get update and apt-get install printed here while another process held their locks.
    expect(
      lockedOut(
        "E: Could not get lock /var/lib/apt/lists/lock. It is held by process 3894 (python3)\nE: Unable to lock directory /var/lib/apt/lists/\n",
      ),
    ).toBe(true);
    expect(
      lockedOut(
        "E: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 3996 (python3)\nE: Unable to acquire the dpkg frontend lock (/var/lib/dpkg/lock-frontend), is another process using it?\n",
      ),
    ).toBe(true);
    expect(lockedOut("E: Unable to locate package openssh-serverr\n")).toBe(false);
    expect(
      lockedOut(
        "E: Failed to fetch http://deb.debian.org/debian/pool/main/f/fish/fish_3.6.0-3.1_amd64.deb  404  Not Found\n",
      ),
    ).toBe(false);
  });

  it("the script, dry run, packages pretended absent, not root: prints the command and exits 1", () => {
    const r = script(["--dry-run", "--pretend-missing=openssh-server,fish", "--pretend-not-root"]);
    expect(r.code).toBe(1);
    expect(r.out).toContain("missing system packages: openssh-server (");
    expect(r.out).toContain("  sudo apt-get install -y openssh-server fish");
  });

  it("the script, dry run, CI=true: says what it would install and changes nothing", () => {
    const r = script(["--dry-run", "--pretend-missing=fish", "--pretend-not-root"], { CI: "true" });
    expect(r.code).toBe(0);
    expect(r.out).toContain("would install (CI=true):");
    expect(r.out).toMatch(
      /sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends fish/,
    );
  });

  it("the script refuses to pretend outside a dry run", () => {
    expect(script(["--pretend-missing=fish"]).code).toBe(2);
    expect(script(["--dry-run", "--pretend-missing=chromium"]).code).toBe(2);
  });
});
