// Usage refresh for many sessions with large transcripts: the steady-state cost of reading from a cursor
// versus reading every transcript whole (the baseline), in one run.
//
//   npm run build && node bench/usage.ts [SESSIONS] [MB]     (default 50 sessions, 20 MB each;
//                                                            in a checkout: npm exec -- node bench/usage.ts)
//
// Each session gets a Claude Code-shaped transcript of MB megabytes (user and tool-result lines of a few KB,
// an assistant line with usage every other line), all hard links of one file so the disk holds it once.
// Measured with process.cpuUsage (user + system CPU ms of this process) and wall ms, per refresh of all sessions:
//   first      the first refresh (every transcript read whole: the cursors start empty)
//   cursor     later refreshes with nothing new (what the monitor pays every 5 s)
//   cursor+1   later refreshes after one new response was appended to every transcript
//   baseline   the same refresh with the cursors dropped first: every transcript read whole again
// Runs against the built package (dist/).
import { appendFileSync, linkSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { stats } from "./common.ts";

const dist = join(dirname(fileURLToPath(import.meta.url)), "..", "dist", "index.js");
const { createWingman, resolveConfig } = (await import(dist)) as typeof import("../src/index.ts");

const SESSIONS = Number(process.argv[2] ?? 50);
const MB = Number(process.argv[3] ?? 20);
const ROUNDS = 10;

const root = mkdtempSync(join(tmpdir(), "wm-bench-usage-"));
const stateDir = join(root, "state");
mkdirSync(stateDir, { mode: 0o700 });
try {
  // One transcript, MB megabytes.
  const filler = "x".repeat(3000);
  let n = 0;
  const parts: string[] = [];
  let size = 0;
  while (size < MB * 1024 * 1024) {
    n += 1;
    const user = `${JSON.stringify({ type: "user", message: { role: "user", content: [{ type: "tool_result", content: `${n} ${filler}` }] } })}\n`;
    const asst = `${JSON.stringify({ type: "assistant", message: { id: `msg_${n.toString(36).padStart(12, "0")}`, model: "claude-sonnet-4-5", content: [{ type: "text", text: "ok" }], usage: { input_tokens: 10, output_tokens: 20, cache_read_input_tokens: 3000, cache_creation_input_tokens: 50 } } })}\n`;
    parts.push(user, asst);
    size += user.length + asst.length;
  }
  const master = join(root, "master.jsonl");
  writeFileSync(master, parts.join(""));
  const files: string[] = [];
  for (let i = 0; i < SESSIONS; i++) {
    const f = join(root, `t${i}.jsonl`);
    linkSync(master, f);
    files.push(f);
  }
  const config = resolveConfig({});
  let w = createWingman({ config, stateDir, env: {} });
  const now = new Date().toISOString();
  await w.updateRegistry((d) => {
    for (let i = 0; i < SESSIONS; i++) {
      const name = `s${i}`;
      d.sessions[name] = {
        name,
        workdir: root,
        agent: "claude-code",
        createdAt: now,
        lastActivityAt: now,
        prompts: [],
        hook: {},
        pending: null,
        approvals: 0,
        autoApproved: 0,
        transcriptPath: files[i]!,
      };
    }
  });
  const measure = async (before?: () => void) => {
    before?.();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await w.refreshUsage();
    const c = process.cpuUsage(c0);
    return { cpu: (c.user + c.system) / 1000, wall: performance.now() - t0 };
  };
  const first = await measure();
  const cursor: Array<{ cpu: number; wall: number }> = [];
  const grow: Array<{ cpu: number; wall: number }> = [];
  const base: Array<{ cpu: number; wall: number }> = [];
  let k = 0;
  const line = () =>
    `${JSON.stringify({ type: "assistant", message: { id: `msg_new${k++}`, model: "claude-sonnet-4-5", content: [], usage: { input_tokens: 1, output_tokens: 1, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 } } })}\n`;
  for (let r = 0; r < ROUNDS; r++) {
    cursor.push(await measure());
    // One append to the shared inode is one new line in every session's transcript.
    grow.push(await measure(() => appendFileSync(master, line())));
    base.push(
      await measure(() => {
        rmSync(join(stateDir, "usage", "cursors"), { recursive: true, force: true });
        w = createWingman({ config, stateDir, env: {} }); // and no cursor kept in memory
      }),
    );
  }
  const row = (name: string, xs: Array<{ cpu: number; wall: number }>) => {
    const c = stats(xs.map((x) => x.cpu));
    const t = stats(xs.map((x) => x.wall));
    console.log(
      `${name.padEnd(10)} cpu ms p50 ${c.p50.toFixed(1).padStart(8)} p95 ${c.p95.toFixed(1).padStart(8)} | wall ms p50 ${t.p50.toFixed(1).padStart(8)} p95 ${t.p95.toFixed(1).padStart(8)}  (n=${c.n})`,
    );
  };
  console.log(
    `usage refresh: ${SESSIONS} sessions, transcripts of ${(size / 1048576).toFixed(1)} MB (${n} responses each)`,
  );
  row("first", [first]);
  row("cursor", cursor);
  row("cursor+1", grow);
  row("baseline", base);
  const [s] = (await w.usage("s0")).sessions;
  console.log(`check: s0 output tokens ${s?.usage?.outputTokens} (expected ${n * 20 + k})`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
