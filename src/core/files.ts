// Files Wingman keeps: written atomically (temp file, fsync, rename), readable only by the owner,
// and guarded by a lock file that recovers from a holder that died.
import { randomBytes } from "node:crypto";
import { constants } from "node:fs";
import { appendFile, chmod, mkdir, open, readFile, rename, rm, stat, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { failed } from "./errors.js";

export async function ensurePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  // mkdir's mode is masked by umask and ignored for an existing dir: make it owner-only either way.
  await chmod(dir, 0o700).catch(() => {});
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

/** Append one JSON line; rotate to `<file>.1` when the file passes `maxBytes`. */
export async function appendJsonLine(file: string, value: unknown, maxBytes = 1_000_000): Promise<void> {
  const line = `${JSON.stringify(value)}\n`;
  const st = await stat(file).catch(() => null);
  if (st && st.size + line.length > maxBytes) {
    await rename(file, `${file}.1`).catch(() => {});
  }
  await appendFile(file, line, { encoding: "utf8", mode: 0o600 });
}

export async function readJsonLines<T>(file: string): Promise<T[]> {
  const out: T[] = [];
  for (const f of [`${file}.1`, file]) {
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

/** Whether a process exists (EPERM: it does, owned by someone else). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

export interface LockOptions {
  /** Give up after this long (ms). */
  timeoutMs?: number;
  /** A lock older than this whose holder cannot be confirmed alive is taken over (ms). */
  staleMs?: number;
}

/**
 * An exclusive lock file (O_EXCL) holding "pid time". A lock whose pid is dead, or which is older than
 * staleMs, is broken: a crashed CLI must never wedge the monitor or the next command.
 */
export async function withFileLock<T>(lockFile: string, fn: () => Promise<T>, opts: LockOptions = {}): Promise<T> {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const staleMs = opts.staleMs ?? 30_000;
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      const fh = await open(lockFile, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
      await fh.writeFile(`${process.pid} ${Date.now()}\n`);
      await fh.close();
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      if (await lockIsStale(lockFile, staleMs)) {
        await rm(lockFile, { force: true });
        continue;
      }
      if (Date.now() > until) throw failed(`timed out waiting for the lock ${lockFile}`);
      await sleep(15 + Math.random() * 20);
    }
  }
  try {
    return await fn();
  } finally {
    await rm(lockFile, { force: true });
  }
}

async function lockIsStale(lockFile: string, staleMs: number): Promise<boolean> {
  const text = await readFile(lockFile, "utf8").catch(() => null);
  if (text === null) return false; // vanished: the loop retries at once
  const [pidS, timeS] = text.trim().split(" ");
  const pid = Number(pidS);
  const time = Number(timeS);
  if (!Number.isFinite(pid) || !Number.isFinite(time)) {
    // Torn write by a holder that died mid-write: stale once it is a little old.
    const st = await stat(lockFile).catch(() => null);
    return !st || Date.now() - st.mtimeMs > 1000;
  }
  if (pid !== process.pid && !pidAlive(pid)) return true;
  return Date.now() - time > staleMs;
}
