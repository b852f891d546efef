// How soon a queued follow-up reaches the model once the turn it waited for is over, beside the baseline a person
// or script has without the queue: poll `status` every 150 ms until the session is idle, then `tell`. Real Claude
// Code against the mock API, one session, this build's core and monitor; trials alternate between the two ways
// so both see the same load. Per trial: the mock finished answering the long turn → the mock received the
// follow-up (Claude Code ending its turn, Wingman seeing it idle, typing, Claude Code submitting).
//
//   npm run build && npm exec -- node bench/queue.ts [TRIALS]
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CLAUDE_BIN, FAKE_API_KEY, claudeEnv, seedClaudeHome } from "../devkit/claude-home.ts";
import { startMockAnthropic } from "../devkit/mock-anthropic.ts";
import { owner, quiet, sleep, stats } from "./common.ts";

type Build = typeof import("../src/index.ts");
const { createWingman, describeNotification, Monitor, resolveConfig } = (await import(
  join(import.meta.dirname, "..", "dist", "index.js")
)) as Build;

const trials = Number(process.argv[2] ?? 10);
const mock = await startMockAnthropic();
const root = mkdtempSync(join(tmpdir(), "wm-queue-bench-"));
const home = join(root, "home");
const work = join(root, "project");
mkdirSync(join(home, ".claude"), { recursive: true });
mkdirSync(work);
seedClaudeHome(home, { apiKey: FAKE_API_KEY, trustedDirs: [work] });
const env = {
  ...claudeEnv({ home, mockUrl: mock.url, apiKey: FAKE_API_KEY, maxRetries: 1 }),
  WINGMAN_STATE_DIR: join(root, "state"),
  WINGMAN_CLAUDE_COMMAND: CLAUDE_BIN,
};
const config = resolveConfig({ pollSeconds: 2 }, env);
const w = createWingman({ config, env });
const monitor = new Monitor({
  describe: describeNotification,
  wingman: w,
  config,
  logger: quiet,
  notifier: { async send() {} },
});
const S = "qb";

const requestWith = async (text: string, ms = 60_000) => {
  const until = Date.now() + ms;
  for (;;) {
    const r = mock.requests.find((x) => JSON.stringify(x.body ?? "").includes(text));
    if (r) return r;
    if (Date.now() > until) throw new Error(`the model never received ${text}`);
    await sleep(20);
  }
};
const idle = async () => {
  for (;;) {
    const [v] = await w.status(S);
    if (v?.state === "idle") return;
    await sleep(150);
  }
};

const results: Record<"queued" | "poll + tell", number[]> = { queued: [], "poll + tell": [] };
try {
  const r = await w.spawn({ session: S, workdir: work }, owner);
  if (!r.ok) throw new Error(`spawn failed: ${JSON.stringify(r)}`);
  await idle();
  if (!(await monitor.start())) throw new Error("monitor did not start");
  for (let i = 0; i < trials * 2; i++) {
    const way = i % 2 === 0 ? "queued" : "poll + tell";
    const long = `SLOW 2 long turn ${i}`;
    const follow = `SAY follow-up ${i}`;
    const sent = await w.send(S, long, {}, owner);
    if (!sent.ok) throw new Error(`trial ${i}: ${JSON.stringify(sent)}`);
    if (way === "queued") {
      for (let k = 0; ; k++) {
        const q = await w.send(S, follow, {}, owner);
        if (q.ok && q.code === "queued") break;
        if (k > 50) throw new Error(`trial ${i}: not queued: ${JSON.stringify(q)}`);
        await sleep(50); // the long turn has not shown as working yet
      }
    } else {
      await sleep(300);
      await idle();
      const t = await w.send(S, follow, {}, owner);
      if (!t.ok) throw new Error(`trial ${i}: ${JSON.stringify(t)}`);
    }
    const turn = await requestWith(long);
    const next = await requestWith(follow);
    while (turn.doneAt === undefined) await sleep(10);
    results[way].push(next.at - turn.doneAt);
    // Let that follow-up's own turn end before the next trial.
    while (next.doneAt === undefined) await sleep(20);
    await sleep(500);
    await idle();
  }
  console.log(`long turn answered → follow-up received by the model, ${trials} trials each (ms):`);
  for (const [k, xs] of Object.entries(results)) {
    const s = stats(xs);
    console.log(`  ${k.padEnd(12)} p50 ${s.p50}  p95 ${s.p95}  max ${s.max}`);
  }
} finally {
  await monitor.stop();
  await w.tmux.killServer();
  await mock.close();
  rmSync(root, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
}
