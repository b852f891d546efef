// Adversarial list: the audit keeps every record while several processes write it, and strangers cannot push
// the owner's records out. Writers are separate Node processes (the CLI, the host's monitor and the web door
// each append on their own), running src/core/store/journal.ts bundled for them with esbuild.
//
//   980 kB of records, then 4 writer processes started together × 30 records (one rotation), 5 runs → the 370 old records are all kept, every run
//   4 writer processes × 300 records of ~2.5 kB, default settings (1 MB files, 5 kept)  → all 1200 records read back, each once, none torn
//   the same with `audit: { keep: 2, maxBytes: 100000 }`                                  → 2 old files + the live one; each writer keeps the end of what it wrote
//   60 refusals of a stranger (an `allowFrom: ["*"]`-style sender, not an owner)          → audit.jsonl unchanged; refused-strangers.jsonl counts 60
//   2000 stranger refusals into a 20 kB strangers' log                                    → that log stays under 2 × 20 kB; the count says 2000
import { execFile } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildSync } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveConfig } from "../../src/config.js";
import { Journal } from "../../src/core/store/journal.js";
import { tempWingman } from "../../devkit/temp-wingman.js";

const SRC = join(import.meta.dirname, "../../src");
let dir: string;
let writer: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "wm-audit-"));
  const entry = join(dir, "writer.ts");
  // One writer process: `node writer.mjs STATE_DIR WRITER COUNT [KEEP MAXBYTES]`, appending COUNT records in turn.
  await writeFile(
    entry,
    `import { Journal } from ${JSON.stringify(join(SRC, "core/store/journal.ts"))};
const [stateDir, who, count, keep, maxBytes] = process.argv.slice(2);
const rotate = keep ? { keep: Number(keep), maxBytes: Number(maxBytes) } : undefined;
const j = new Journal(stateDir, rotate ? { rotate } : {});
const pad = "x".repeat(2500);
// All writers start together (WRITER_START_AT, epoch ms), so that they reach the size limit at the same time.
const startAt = Number(process.env.WRITER_START_AT ?? 0);
if (startAt > Date.now()) await new Promise((r) => setTimeout(r, startAt - Date.now()));
for (let i = 0; i < Number(count); i++) {
  await j.audit({ actor: who, channel: "cli", session: "s", action: "approve", outcome: "done", message: who + ":" + i + ":" + pad });
}
`,
  );
  writer = join(dir, "writer.mjs");
  buildSync({
    entryPoints: [entry],
    bundle: true,
    platform: "node",
    format: "esm",
    outfile: writer,
    logLevel: "error",
  });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const run = (args: string[], startAt = 0) =>
  new Promise<void>((resolve, reject) =>
    execFile(
      process.execPath,
      [writer, ...args],
      { env: { ...process.env, WRITER_START_AT: String(startAt) } },
      (e, _o, stderr) => (e ? reject(new Error(`${e.message}\n${stderr}`)) : resolve()),
    ),
  );

/** Every audit file in `state`, oldest first, and every record's message key (`writer:i`). */
async function records(state: string): Promise<{ files: string[]; keys: string[]; torn: number }> {
  const names = readdirSync(state).filter((n) => /^audit\.jsonl(\.\d+)?$/.test(n));
  const files = names.sort((a, b) => Number(b.split(".")[2] ?? 0) - Number(a.split(".")[2] ?? 0));
  const keys: string[] = [];
  let torn = 0;
  for (const f of files) {
    for (const line of (await readFile(join(state, f), "utf8")).split("\n")) {
      if (!line) continue;
      try {
        const m = (JSON.parse(line) as { message: string }).message;
        keys.push(m.split(":").slice(0, 2).join(":"));
      } catch {
        torn++;
      }
    }
  }
  return { files, keys, torn };
}

describe("the audit under concurrent writers", () => {
  it("4 writer processes crossing the size limit once, 5 runs: the old lines are never lost (the check-then-rename race)", async () => {
    for (let run5 = 0; run5 < 5; run5++) {
      const state = join(dir, `race${run5}`);
      await mkdir(state, { mode: 0o700 });
      // 980 kB of earlier records, then 4 writers × 30 records of ~2.6 kB: one rotation at 1 MB, raced by all four.
      const pre = Array.from({ length: 370 }, (_, i) =>
        JSON.stringify({
          at: new Date().toISOString(),
          actor: "pre",
          channel: "cli",
          session: "s",
          action: "approve",
          outcome: "done",
          message: `pre:${i}:${"x".repeat(2500)}`,
        }),
      );
      await writeFile(join(state, "audit.jsonl"), `${pre.join("\n")}\n`, { mode: 0o600 });
      const startAt = Date.now() + 1500;
      await Promise.all(["w1", "w2", "w3", "w4"].map((w) => run([state, w, "30"], startAt)));
      const { keys, torn } = await records(state);
      expect(torn).toBe(0);
      expect(
        keys.filter((k) => k.startsWith("pre:")),
        `run ${run5}`,
      ).toHaveLength(370);
      expect(new Set(keys).size, `run ${run5}`).toBe(370 + 120);
    }
  });

  it("4 writer processes through 3 rotations (default 1 MB, 5 kept): every record is there once", async () => {
    const state = join(dir, "defaults");
    await mkdir(state, { mode: 0o700 });
    await Promise.all(["w1", "w2", "w3", "w4"].map((w) => run([state, w, "300"])));
    const { files, keys, torn } = await records(state);
    expect(torn).toBe(0);
    expect(files.length).toBeGreaterThanOrEqual(4); // about 3 MB in 1 MB files
    expect(files.length).toBeLessThanOrEqual(6);
    expect(new Set(keys).size).toBe(1200);
    expect(keys).toHaveLength(1200);
    for (const w of ["w1", "w2", "w3", "w4"]) {
      // Each writer's records in its own order: nothing reordered by a rotation.
      const mine = keys.filter((k) => k.startsWith(`${w}:`)).map((k) => Number(k.split(":")[1]));
      expect(mine).toEqual(Array.from({ length: 300 }, (_, i) => i));
    }
    // What `wingman audit` reads back is the same.
    expect(await new Journal(state).readAudit(5000)).toHaveLength(1200);
    for (const f of files) expect(statSync(join(state, f)).mode & 0o077, f).toBe(0);
  });

  it("keep 2, 100 kB files: at most 2 old files, the oldest records dropped whole, the newest all kept", async () => {
    const state = join(dir, "small");
    await mkdir(state, { mode: 0o700 });
    await Promise.all(["w1", "w2", "w3", "w4"].map((w) => run([state, w, "100", "2", "100000"])));
    const { files, keys, torn } = await records(state);
    expect(torn).toBe(0);
    expect(files).toEqual(["audit.jsonl.2", "audit.jsonl.1", "audit.jsonl"]);
    expect(new Set(keys).size).toBe(keys.length);
    for (const f of files) expect(statSync(join(state, f)).size, f).toBeLessThanOrEqual(100_000);
    // Two full old files and the live one: about 120 of the 400 records, the newest ones. What a writer still
    // has is the end of what it wrote, in order (whatever was dropped is older than what was kept).
    expect(keys.length).toBeGreaterThanOrEqual(2 * Math.floor(100_000 / 2650));
    let lastOnes = 0;
    for (const w of ["w1", "w2", "w3", "w4"]) {
      const mine = keys.filter((k) => k.startsWith(`${w}:`)).map((k) => Number(k.split(":")[1]));
      expect(mine).toEqual(Array.from({ length: mine.length }, (_, i) => 100 - mine.length + i));
      if (mine.at(-1) === 99) lastOnes++;
    }
    expect(lastOnes).toBeGreaterThanOrEqual(1);
    expect(resolveConfig({ audit: { keep: 2, maxBytes: 100_000 } }, {}).audit).toEqual({ keep: 2, maxBytes: 100_000 });
    expect(resolveConfig({}, {}).audit).toEqual({ keep: 5, maxBytes: 1_000_000 });
  });
});

describe("refusals of strangers", () => {
  it("a stranger's answers are refused into their own log, counted; the owner's audit is untouched", async () => {
    const t = await tempWingman();
    await mkdir(t.stateDir, { recursive: true, mode: 0o700 });
    try {
      const stranger = { id: "+15550000000", channel: "whatsapp", authorized: false };
      await t.wingman.journal.audit({
        actor: "owner",
        channel: "cli",
        session: "s",
        action: "approve",
        outcome: "done",
        message: "the owner's record",
      });
      const before = await readFile(join(t.stateDir, "audit.jsonl"), "utf8");
      for (let i = 0; i < 60; i++) {
        const r = await t.wingman.respond({ session: "s", action: "approve", id: "ab2c" }, stranger);
        expect(r).toMatchObject({ ok: false, error: "not_owner" });
      }
      expect(await readFile(join(t.stateDir, "audit.jsonl"), "utf8")).toBe(before);
      const log = await t.wingman.journal.readStrangers(100);
      expect(log).toHaveLength(60);
      expect(log.at(-1)).toMatchObject({ actor: "+15550000000", channel: "whatsapp", outcome: "refused", n: 60 });
      expect(await t.wingman.journal.strangerCount()).toMatchObject({ count: 60 });
    } finally {
      await t.cleanup();
    }
  });

  it("the strangers' log is capped (one old file); its count goes on", async () => {
    const state = join(dir, "strangers");
    await mkdir(state, { mode: 0o700 });
    const j = new Journal(state, { strangersMaxBytes: 20_000 });
    for (let i = 0; i < 2000; i++) {
      await j.refusedStranger({
        actor: `+1555${i}`,
        channel: "whatsapp",
        session: "s",
        action: "approve",
        outcome: "refused",
        message: "✗ not an owner",
      });
    }
    const sizes = readdirSync(state)
      .filter((n) => n.startsWith("refused-strangers.jsonl") && !n.endsWith(".lock"))
      .map((n) => statSync(join(state, n)).size);
    expect(sizes.length).toBeLessThanOrEqual(2);
    for (const s of sizes) expect(s).toBeLessThanOrEqual(20_000);
    expect(await j.strangerCount()).toMatchObject({ count: 2000 });
    expect((await j.readStrangers(1))[0]).toMatchObject({ n: 2000, actor: "+15551999" });
    expect(existsSync(join(state, "audit.jsonl"))).toBe(false);
  });
});
