// Reading an agent's record from a cursor: rotated, cut short, replaced with garbage; one count per message.
import { appendFileSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { claudeUsage } from "../../../src/agents/claude-code/usage.js";
import { type FileCursor, readLocalChunk, stepFrom } from "../../../src/core/usage/record-file.js";

const dir = mkdtempSync(join(tmpdir(), "wm-usage-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const line = (id: string, out: number, model = "claude-sonnet-4-5") =>
  `${JSON.stringify({ type: "assistant", message: { id, model, usage: { input_tokens: 10, output_tokens: out, cache_read_input_tokens: 100, cache_creation_input_tokens: 5 } } })}\n`;

/** Reads the file from the cursor the way the core does, folding into `state`. */
async function read(path: string, cursor: FileCursor | null, state: ReturnType<typeof claudeUsage.start>) {
  const s = await stepFrom(readLocalChunk, path, cursor);
  if (s.kind === "missing") return { cursor, missing: true };
  if (s.reset === "new_file" && cursor) claudeUsage.nextFile(state);
  claudeUsage.fold(state, s.lines);
  return { cursor: s.cursor, missing: false, reset: s.reset };
}

describe("usage record cursor (Claude Code transcript)", () => {
  it("counts a message once at its highest counts, across lines per content block and copied lines", async () => {
    const f = join(dir, "a.jsonl");
    writeFileSync(f, line("msg_1", 3) + line("msg_1", 9) + line("msg_2", 4) + line("msg_1", 9));
    const st = claudeUsage.start();
    await read(f, null, st);
    expect(claudeUsage.read(st).byModel["claude-sonnet-4-5"]).toEqual({
      inputTokens: 20,
      outputTokens: 13,
      cacheReadTokens: 200,
      cacheWriteTokens: 10,
    });
  });

  it("reads only what was added; a half-written last line waits for its end", async () => {
    const f = join(dir, "b.jsonl");
    writeFileSync(f, line("m1", 1));
    const st = claudeUsage.start();
    let r = await read(f, null, st);
    const half = line("m2", 2);
    appendFileSync(f, half.slice(0, 20));
    r = await read(f, r.cursor!, st);
    expect(claudeUsage.read(st).byModel["claude-sonnet-4-5"]!.outputTokens).toBe(1);
    appendFileSync(f, half.slice(20));
    r = await read(f, r.cursor!, st);
    expect(claudeUsage.read(st).byModel["claude-sonnet-4-5"]!.outputTokens).toBe(3);
    expect(r.cursor!.offset).toBe(line("m1", 1).length + half.length);
  });

  it("a rotated file (renamed away, a new one in its place) is read from its start; nothing counted twice", async () => {
    const f = join(dir, "c.jsonl");
    writeFileSync(f, line("m1", 1) + line("m2", 2));
    const st = claudeUsage.start();
    let r = await read(f, null, st);
    renameSync(f, `${f}.1`);
    writeFileSync(f, line("m2", 2) + line("m3", 4));
    r = await read(f, r.cursor!, st);
    expect(r.reset).toBe("new_file");
    expect(claudeUsage.read(st).byModel["claude-sonnet-4-5"]!.outputTokens).toBe(7);
  });

  it("a file cut short, then rewritten, is read again from its start without double counting", async () => {
    const f = join(dir, "d.jsonl");
    writeFileSync(f, line("m1", 1) + line("m2", 2) + line("m3", 3));
    const st = claudeUsage.start();
    let r = await read(f, null, st);
    writeFileSync(f, line("m1", 1)); // truncated in place (same inode)
    r = await read(f, r.cursor!, st);
    expect(r.reset).toBe("rewound");
    appendFileSync(f, line("m4", 10));
    r = await read(f, r.cursor!, st);
    const u = claudeUsage.read(st);
    expect(u.byModel["claude-sonnet-4-5"]!.outputTokens).toBe(16);
    expect(u.malformed).toBe(0);
  });

  it("garbage in place of the transcript is malformed (no total is trusted), and a missing file says so", async () => {
    const f = join(dir, "e.jsonl");
    writeFileSync(f, line("m1", 1));
    const st = claudeUsage.start();
    let r = await read(f, null, st);
    writeFileSync(f, '\u0000\u0001 not json at all\n{"usage": broken\n');
    r = await read(f, r.cursor!, st);
    expect(claudeUsage.read(st).malformed).toBe(2);
    rmSync(f);
    r = await read(f, r.cursor, st);
    expect(r.missing).toBe(true);
  });
});
