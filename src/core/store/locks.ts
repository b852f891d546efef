// Lock files: one holder at a time across processes (the CLI, the host's monitor, tests), recovering from a
// holder that died without ever letting two run at once.
import { randomBytes } from "node:crypto";
import type { Stats } from "node:fs";
import { constants } from "node:fs";
import { link, open, readFile, rename, stat, unlink, writeFile } from "node:fs/promises";
import { AsyncLocalStorage } from "node:async_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { failed } from "../../api/errors.js";

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

/** A takeover guard is held for a few file operations; one this old belongs to a process that stalled or died. */
const GUARD_STALE_MS = 5000;

/**
 * An exclusive lock file (O_EXCL) holding "pid time token". A lock whose pid is dead, or which is older
 * than staleMs, is broken: a crashed CLI must never wedge the monitor or the next command.
 *
 * Breaking a stale lock is the dangerous part: two waiters that both judged the same file stale must not
 * both remove "the lock", or the second removal deletes the fresh lock the first one just took, and two
 * holders run at once. So:
 *  1. Only the holder of a takeover guard (`<lock>.takeover`, itself taken with O_EXCL) removes a lock it
 *     does not hold, and under the guard it first checks that the path still names the very file it
 *     judged stale (same inode, same content). A waiter that lost the race finds a different file and
 *     goes back to waiting on it.
 *  2. Even under the guard the removal is a rename to a unique name, then a look at what was renamed: if
 *     it is not the inode judged stale (possible only if the guard itself was broken as stale while its
 *     holder still ran), it is linked back (link fails rather than overwrite a newer lock).
 *  3. A holder releases only a lock that still holds its own token: one that overran staleMs and was
 *     taken over does not delete the new holder's lock.
 * Acquisition stays a plain O_EXCL create, so whoever takes the lock after a takeover is decided by the
 * kernel, once.
 */
export async function withFileLock<T>(lockFile: string, fn: () => Promise<T>, opts: LockOptions = {}): Promise<T> {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const staleMs = opts.staleMs ?? 30_000;
  const until = Date.now() + timeoutMs;
  let token: string;
  for (;;) {
    const taken = await createExclusive(lockFile);
    if (taken) {
      token = taken;
      break;
    }
    const seen = await staleFile(lockFile, staleMs);
    if (seen === "gone") continue; // released meanwhile: try the create again at once
    if (seen && (await breakStaleLock(lockFile, seen))) continue;
    if (Date.now() > until) throw failed(`timed out waiting for the lock ${lockFile}`);
    await sleep(15 + Math.random() * 20);
  }
  try {
    return await fn();
  } finally {
    await removeIfMine(lockFile, token);
  }
}

/**
 * A lock held for a whole process's life (one monitor per state dir): no time limit, only a dead holder's
 * lock is broken, and that by the same guarded takeover as withFileLock, so two monitors starting together
 * after a crash never both run. Returns the token to release it with, or the live holder's pid.
 */
export async function takeProcessLock(lockFile: string): Promise<{ token: string } | { holder: number }> {
  for (let i = 0; i < 50; i++) {
    const token = await createExclusive(lockFile);
    if (token) return { token };
    const seen = await staleFile(lockFile, Number.POSITIVE_INFINITY);
    if (seen === "gone") continue;
    if (seen) {
      await breakStaleLock(lockFile, seen);
      continue;
    }
    const pid = Number((await readFile(lockFile, "utf8").catch(() => "")).trim().split(" ")[0]);
    if (Number.isFinite(pid) && pid > 0) return { holder: pid };
    await sleep(20); // the holder has created the file and not yet written its pid: look again
  }
  return { holder: -1 };
}

/**
 * The pid holding a process lock (takeProcessLock) when that process is alive, else null: whether a monitor
 * runs for a state dir, without taking its lock.
 */
export async function processLockHolder(lockFile: string): Promise<number | null> {
  const pid = Number((await readFile(lockFile, "utf8").catch(() => "")).trim().split(" ")[0]);
  return Number.isInteger(pid) && pid > 0 && pidAlive(pid) ? pid : null;
}

/** Release a lock taken by takeProcessLock (only if it is still ours). */
export function releaseProcessLock(lockFile: string, token: string): Promise<void> {
  return removeIfMine(lockFile, token);
}

/**
 * Create `file` holding "pid time token", or return null when it exists. The content is written to a private
 * file first and then hard-linked into place (link fails with EEXIST rather than replace), so a lock is never
 * seen empty or half-written: with a plain O_EXCL create, a holder descheduled between the create and the
 * write (seen under load) left an empty file that a waiter judged torn and stale, and two monitors ran.
 */
async function createExclusive(file: string): Promise<string | null> {
  const token = `${process.pid} ${Date.now()} ${randomBytes(6).toString("hex")}`;
  const draft = `${file}.new-${process.pid}-${randomBytes(4).toString("hex")}`;
  await writeFile(draft, `${token}\n`, { mode: 0o600, flag: "wx" });
  try {
    await link(draft, file);
    return token;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return null;
    // A file system without hard links: fall back to O_EXCL (a torn lock is then judged by its age).
    if (code === "EPERM" || code === "ENOTSUP" || code === "EOPNOTSUPP") return createExclusiveInPlace(file, token);
    throw e;
  } finally {
    await unlink(draft).catch(() => {});
  }
}

async function createExclusiveInPlace(file: string, token: string): Promise<string | null> {
  let fh: Awaited<ReturnType<typeof open>>;
  try {
    fh = await open(file, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return null;
    throw e;
  }
  try {
    await fh.writeFile(`${token}\n`);
  } catch (e) {
    await fh.close().catch(() => {});
    await unlink(file).catch(() => {});
    throw e;
  }
  await fh.close();
  return token;
}

/** Remove `file` only if it still holds `token` (a lock or a guard this process took). */
async function removeIfMine(file: string, token: string): Promise<void> {
  const text = await readFile(file, "utf8").catch(() => null);
  if (text?.trim() === token) await unlink(file).catch(() => {});
}

/** A lock file as judged: its inode and its content when read. */
interface SeenFile {
  ino: number;
  dev: number;
  text: string;
}

/** The file at `file` if it is stale (read and stat'ed through one descriptor, so both are the same file). */
async function staleFile(file: string, staleMs: number): Promise<SeenFile | null | "gone"> {
  let fh: Awaited<ReturnType<typeof open>>;
  try {
    fh = await open(file, constants.O_RDONLY);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "ENOENT" ? "gone" : null;
  }
  let st: Stats;
  let text: string;
  try {
    st = await fh.stat();
    text = await fh.readFile("utf8");
  } catch {
    return null;
  } finally {
    await fh.close().catch(() => {});
  }
  const seen = { ino: st.ino, dev: st.dev, text };
  const [pidS, timeS] = text.trim().split(" ");
  const pid = Number(pidS);
  const time = Number(timeS);
  if (!pidS || !timeS || !Number.isFinite(pid) || !Number.isFinite(time)) {
    // Torn write (only a lock made without hard links, or by an older Wingman): stale once it is a little old.
    return Date.now() - st.mtimeMs > 1000 ? seen : null;
  }
  if (pid !== process.pid && !pidAlive(pid)) return seen;
  return Date.now() - time > staleMs ? seen : null;
}

/**
 * Take `lockFile` out of the way if it is still the file judged stale (see withFileLock). True: look at
 * the lock again at once; false: someone else is taking it over, wait.
 */
async function breakStaleLock(lockFile: string, seen: SeenFile): Promise<boolean> {
  const guard = `${lockFile}.takeover`;
  const token = await createExclusive(guard);
  if (!token) {
    const staleGuard = await staleFile(guard, GUARD_STALE_MS);
    if (staleGuard && staleGuard !== "gone") await moveAsideIfSame(guard, staleGuard);
    return false;
  }
  try {
    const now = await statSame(lockFile, seen);
    if (now) await moveAsideIfSame(lockFile, seen);
    return true;
  } finally {
    await removeIfMine(guard, token);
  }
}

/** Whether `file` is still the file `seen` (inode and content). */
async function statSame(file: string, seen: SeenFile): Promise<boolean> {
  const fh = await open(file, constants.O_RDONLY).catch(() => null);
  if (!fh) return false;
  try {
    const st = await fh.stat();
    return st.ino === seen.ino && st.dev === seen.dev && (await fh.readFile("utf8")) === seen.text;
  } catch {
    return false;
  } finally {
    await fh.close().catch(() => {});
  }
}

/**
 * Remove `file` by renaming it to a unique name and checking that what moved is the inode `seen`; if it is
 * another file (a newer lock took the name in between), link it back: link never replaces an existing file.
 */
async function moveAsideIfSame(file: string, seen: SeenFile): Promise<void> {
  const aside = `${file}.stale-${process.pid}-${randomBytes(4).toString("hex")}`;
  try {
    await rename(file, aside);
  } catch {
    return; // already gone
  }
  const st = await stat(aside).catch(() => null);
  if (st && (st.ino !== seen.ino || st.dev !== seen.dev)) await link(aside, file).catch(() => {});
  await unlink(aside).catch(() => {});
}

const queues = new Map<string, Promise<unknown>>();
const insideTurn = new AsyncLocalStorage<string>();

/**
 * This process's calls for `key` (a lock file), one after another in the order they were made. The registry's
 * updates go through it: without it they all poll the file lock at random, and one caller could lose again and
 * again while the others progressed (30 spawns at once on a loaded machine: some failed with "timed out waiting
 * for the lock"). The lock's timeout then measures waiting on another process only. A call made from inside a
 * turn runs at once rather than queue behind itself (the lock refuses it, as before).
 */
export function inOrder<T>(key: string, fn: () => Promise<T>): Promise<T> {
  if (insideTurn.getStore() === key) return fn();
  const turn = (queues.get(key) ?? Promise.resolve()).then(() => insideTurn.run(key, fn));
  const tail = turn.then(
    () => undefined,
    () => undefined,
  );
  queues.set(key, tail);
  void tail.then(() => {
    if (queues.get(key) === tail) queues.delete(key); // nothing queued behind it: forget the key
  });
  return turn;
}
