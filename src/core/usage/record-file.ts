// Reading the new end of an agent's record on the session's machine, from a cursor. A refresh costs one
// look at the file's identity (inode, size, first 64 bytes) and the bytes added since the cursor; nothing
// before the cursor is read again unless the file was replaced, cut short or rewritten, in which case it is
// read from its start (the agents' folds count each request once however often they see it).
import { open } from "node:fs/promises";
import type { ProgramRunner } from "../../hosts/host.js";

export interface FileCursor {
  path: string;
  /** `ino` of the file the offset belongs to. */
  fileId: string;
  /** Bytes consumed: always at the end of a complete line. */
  offset: number;
  /** Hex of the file's first bytes when last read (at most HEAD_BYTES): a rewrite changes them. */
  head: string;
}

export type Chunk =
  | { kind: "missing" }
  | { kind: "ok"; fileId: string; size: number; head: string; from: number; bytes: Buffer };

const HEAD_BYTES = 64;
/** The most read in one step (a first read of a large transcript takes several steps in one refresh). */
export const STEP_BYTES = 8 * 1024 * 1024;

/** This machine: the identity and the bytes from `from`, at most `max`. */
export async function readLocalChunk(path: string, from: number, max: number): Promise<Chunk> {
  let fh: Awaited<ReturnType<typeof open>>;
  try {
    fh = await open(path, "r");
  } catch {
    return { kind: "missing" };
  }
  try {
    const st = await fh.stat();
    if (!st.isFile()) return { kind: "missing" };
    const headBuf = Buffer.alloc(Math.min(HEAD_BYTES, st.size));
    if (headBuf.length) await fh.read(headBuf, 0, headBuf.length, 0);
    const start = from <= st.size ? from : 0;
    const n = Math.max(0, Math.min(max, st.size - start));
    const bytes = Buffer.alloc(n);
    let got = 0;
    while (got < n) {
      const r = await fh.read(bytes, got, n - got, start + got);
      if (r.bytesRead === 0) break;
      got += r.bytesRead;
    }
    return {
      kind: "ok",
      fileId: String(st.ino),
      size: st.size,
      head: headBuf.toString("hex"),
      from: start,
      bytes: bytes.subarray(0, got),
    };
  } finally {
    await fh.close();
  }
}

// Fixed text, values only as positional arguments. Prints `ok INODE SIZE`, the first bytes as hex, then the
// bytes from $2 (at most $3): one round trip, and only the new bytes cross the connection.
const CHUNK = `set -f; f=$1; off=$2; max=$3
[ -f "$f" ] && [ -r "$f" ] || { echo missing; exit 0; }
set -- $(ls -Lin -- "$f"); ino=$1; size=$6
printf 'ok %s %s\\n' "$ino" "$size"
head -c ${HEAD_BYTES} -- "$f" | od -An -tx1 | tr -d ' \\n'; echo
[ "$off" -le "$size" ] || off=0
echo "$off"
tail -c +$((off + 1)) -- "$f" | head -c "$max"`;

/** Another machine: the same, through its runner (SSH), one program per read. */
export async function readRemoteChunk(run: ProgramRunner, path: string, from: number, max: number): Promise<Chunk> {
  const r = await run(["sh", "-c", CHUNK, "sh", path, String(from), String(max)]);
  if (r.exitCode !== 0) throw new Error(r.stderr.trim() || `exit ${r.exitCode}`);
  const out = r.stdout;
  if (out.startsWith("missing")) return { kind: "missing" };
  const lines: string[] = [];
  let at = 0;
  for (let i = 0; i < 3; i++) {
    const nl = out.indexOf("\n", at);
    if (nl < 0) throw new Error("a short answer");
    lines.push(out.slice(at, nl));
    at = nl + 1;
  }
  const m = /^ok (\d+) (\d+)$/.exec(lines[0]!);
  if (!m || !/^[0-9a-f]*$/.test(lines[1]!) || !/^\d+$/.test(lines[2]!))
    throw new Error("an answer not in the expected shape");
  return {
    kind: "ok",
    fileId: m[1]!,
    size: Number(m[2]),
    head: lines[1]!,
    from: Number(lines[2]),
    bytes: Buffer.from(out.slice(at), "utf8"),
  };
}

// `~/` is the home on that machine. Prints at most two matches (more than one is ambiguous).
const FIND = `case $1 in "~") d=$HOME ;; "~/"*) d=$HOME/\${1#"~/"} ;; *) d=$1 ;; esac
[ -d "$d" ] || exit 0
find "$d" -type f -name "$2" 2>/dev/null | head -n 2`;

/** The one file named `name` under `dir` on that machine; null when none or more than one. */
export async function findRecord(run: ProgramRunner, dir: string, name: string): Promise<string | null> {
  const r = await run(["sh", "-c", FIND, "sh", dir, name]);
  const found = r.stdout.split("\n").filter((l) => l.startsWith("/"));
  return found.length === 1 ? found[0]! : null;
}

export type Step =
  | { kind: "missing" }
  | { kind: "lines"; lines: string[]; cursor: FileCursor; reset: "none" | "rewound" | "new_file"; more: boolean };

/**
 * One step from the cursor: the complete lines added since it (bytes after the last line break wait for the
 * next read), and whether the file is not the one the cursor was on (`new_file`) or was cut or rewritten
 * (`rewound`: read from its start). `more`: the step stopped at `max` before the end.
 */
export async function stepFrom(
  read: (path: string, from: number, max: number) => Promise<Chunk>,
  path: string,
  cursor: FileCursor | null,
  max = STEP_BYTES,
): Promise<Step> {
  const same = cursor && cursor.path === path ? cursor : null;
  let c = await read(path, same?.offset ?? 0, max);
  if (c.kind === "missing") return { kind: "missing" };
  let reset: "none" | "rewound" | "new_file" = cursor ? "none" : "new_file";
  if (cursor && !same) reset = "new_file";
  if (same) {
    const n = Math.min(same.head.length, c.head.length);
    if (c.fileId !== same.fileId) reset = "new_file";
    else if (c.size < same.offset || c.head.slice(0, n) !== same.head.slice(0, n) || c.from !== same.offset)
      reset = "rewound";
    if (reset !== "none" && c.from !== 0) c = await read(path, 0, max);
    if (c.kind === "missing") return { kind: "missing" };
  }
  const end = c.bytes.lastIndexOf(0x0a);
  const whole = end < 0 ? Buffer.alloc(0) : c.bytes.subarray(0, end + 1);
  const text = whole.toString("utf8");
  const lines = text ? text.split("\n").slice(0, -1) : [];
  const offset = c.from + whole.length;
  return {
    kind: "lines",
    lines,
    reset,
    cursor: { path, fileId: c.fileId, offset, head: c.head },
    more: c.from + c.bytes.length < c.size && whole.length > 0,
  };
}
