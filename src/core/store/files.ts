// Files Wingman keeps: written atomically (temp file, fsync, rename), readable only by the owner,
// and guarded by a lock file that recovers from a holder that died.
import { randomBytes } from "node:crypto";
import { constants } from "node:fs";
import type { Stats } from "node:fs";
import { appendFile, chmod, mkdir, open, readdir, readFile, rename, stat, unlink } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { failed } from "../../api/errors.js";
import { withFileLock } from "./locks.js";

export interface DirStatus {
  /** Wingman made the dir just now (and made it 0700). */
  created: boolean;
  /** For a dir that existed: why it is not private (group/world writable, someone else's). */
  warning?: string;
}

/** Dirs already warned about through a `warn` callback: the warning is said once per process. */
const warnedDirs = new Set<string>();

/**
 * Make sure `dir` exists. A dir Wingman creates (and any missing parent) is made owner-only: mkdir, then
 * chmod 0700, so the umask cannot widen it. A dir that already exists is left exactly as it is (the owner
 * may point WINGMAN_STATE_DIR at a place of their choosing, and chmod-ing that is not Wingman's call);
 * if it is open to its group or others in any way, or not the current user's, the returned status says so, and so does
 * `warn`, once per dir per process.
 */
export async function ensurePrivateDir(dir: string, warn?: (msg: string) => void): Promise<DirStatus> {
  const abs = resolve(dir);
  if (await mkdirPrivate(abs)) return { created: true };
  const st = await stat(abs);
  if (!st.isDirectory()) throw failed(`${abs} is not a folder`);
  const warning = notPrivate(abs, st);
  if (!warning) return { created: false };
  if (warn && !warnedDirs.has(abs)) {
    warnedDirs.add(abs);
    warn(warning);
  }
  return { created: false, warning };
}

/** mkdir one level at a time: true when `dir` was made here (then it and any parent made are 0700). */
async function mkdirPrivate(dir: string): Promise<boolean> {
  try {
    await mkdir(dir, { mode: 0o700 });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return false;
    const parent = dirname(dir);
    if (code !== "ENOENT" || parent === dir) throw e;
    await mkdirPrivate(parent);
    return mkdirPrivate(dir);
  }
  await chmod(dir, 0o700);
  return true;
}

function notPrivate(dir: string, st: Stats): string | undefined {
  const problems: string[] = [];
  // Any group or other bit counts: a folder others can only read still shows them the registry, the audit
  // and the text of every prompt.
  const mode = `(mode ${(st.mode & 0o777).toString(8)})`;
  if (st.mode & 0o022) problems.push(`writable by ${st.mode & 0o002 ? "everyone" : "its group"} ${mode}`);
  else if (st.mode & 0o055) problems.push(`readable by ${st.mode & 0o005 ? "everyone" : "its group"} ${mode}`);
  const uid = process.getuid?.();
  if (uid !== undefined && st.uid !== uid) problems.push(`owned by uid ${st.uid}, not by you (uid ${uid})`);
  if (!problems.length) return undefined;
  return `${dir} is ${problems.join(" and ")}: other users could read or replace Wingman's files there; Wingman leaves its mode as it is: use a private folder (mode 700) for Wingman's state`;
}

/** Replace `file` with `data` so that readers see the old or the new content, never a mix. */
export async function writeFileAtomic(file: string, data: string): Promise<void> {
  const dir = dirname(file);
  const tmp = join(dir, `.${basename(file)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  const fh = await open(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
  try {
    await fh.writeFile(data, "utf8");
    await fh.sync();
  } finally {
    await fh.close();
  }
  try {
    await rename(tmp, file);
  } catch (e) {
    await unlink(tmp).catch(() => {});
    throw e;
  }
  // fsync the directory so the rename itself survives a crash.
  const dh = await open(dir, constants.O_RDONLY).catch(() => null);
  if (dh) {
    await dh.sync().catch(() => {});
    await dh.close();
  }
}

export interface RotateOptions {
  /** The live file is rotated before a line would take it past this many bytes. */
  maxBytes?: number;
  /** How many rotated files are kept beside the live one (`<file>.1` newest … `<file>.<keep>` oldest). */
  keep?: number;
}

export const ROTATE_DEFAULTS = { maxBytes: 1_000_000, keep: 5 } as const;

/**
 * Append one JSON line; when the line would take the file past `maxBytes`, rotate first: `<file>.<keep-1>` →
 * `<file>.<keep>` (the oldest dropped), …, `<file>` → `<file>.1`. The size check, the rotation and the append
 * run under the file's lock: several processes append (the CLI, the host's monitor, the web door), and a
 * check-then-rename without it let two writers rotate one after the other, the second moving the fresh
 * file over the old lines (every old line lost, one run in five with four writers).
 */
export async function appendJsonLine(file: string, value: unknown, o: RotateOptions = {}): Promise<void> {
  const maxBytes = o.maxBytes ?? ROTATE_DEFAULTS.maxBytes;
  const keep = Math.max(1, o.keep ?? ROTATE_DEFAULTS.keep);
  const line = `${JSON.stringify(value)}\n`;
  await withFileLock(`${file}.lock`, async () => {
    const st = await stat(file).catch(() => null);
    if (st && st.size > 0 && st.size + Buffer.byteLength(line) > maxBytes) await rotate(file, keep);
    await appendFile(file, line, { encoding: "utf8", mode: 0o600 });
  });
}

/** Shift `<file>` → `<file>.1` → … → `<file>.<keep>`; what was `<file>.<keep>` is dropped. Under the lock. */
async function rotate(file: string, keep: number): Promise<void> {
  const gone = (e: unknown) => {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  };
  await unlink(`${file}.${keep}`).catch(gone);
  for (let i = keep - 1; i >= 1; i--) await rename(`${file}.${i}`, `${file}.${i + 1}`).catch(gone);
  await rename(file, `${file}.1`);
}

/** The rotated files of `file` that exist, oldest first (`<file>.N` … `<file>.1`), then `file` itself. */
async function generations(file: string): Promise<string[]> {
  const base = basename(file);
  const names = await readdir(dirname(file)).catch(() => [] as string[]);
  const old = names
    .map((n) => (n.startsWith(`${base}.`) ? Number(n.slice(base.length + 1)) : Number.NaN))
    .filter((n) => Number.isInteger(n) && n > 0)
    .sort((a, b) => b - a);
  return [...old.map((n) => `${file}.${n}`), file];
}

export async function readJsonLines<T>(file: string): Promise<T[]> {
  const out: T[] = [];
  for (const f of await generations(file)) {
    const text = await readFile(f, "utf8").catch(() => "");
    for (const line of text.split("\n")) {
      if (!line.trim()) continue;
      try {
        out.push(JSON.parse(line) as T);
      } catch {
        // A torn last line (crash mid-append) is skipped, not fatal.
      }
    }
  }
  return out;
}

export { inOrder, pidAlive, releaseProcessLock, takeProcessLock, withFileLock, type LockOptions } from "./locks.js";
