// Test progress from real output: the LAST summary line any common runner printed. Never invented:
// null when no runner's summary is in the text.
import type { TestProgress } from "../../api/types.js";

const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]/g;

interface Found {
  at: number;
  p: TestProgress;
}

const num = (s: string | undefined) => (s ? Number(s) : 0);

function pick(text: string, re: RegExp, make: (m: RegExpExecArray) => TestProgress | null): Found | null {
  let last: Found | null = null;
  for (const m of text.matchAll(new RegExp(re.source, re.flags.includes("g") ? re.flags : `${re.flags}g`))) {
    const p = make(m as RegExpExecArray);
    if (p && p.total > 0) last = { at: m.index ?? 0, p };
  }
  return last;
}

function countsIn(s: string, word: string): number {
  const m = new RegExp(`(\\d+) ${word}`).exec(s);
  return m ? Number(m[1]) : 0;
}

export function parseTestProgress(raw: string): TestProgress | null {
  const text = raw.replace(ANSI, "").replace(/\r/g, "");
  const found: Array<Found | null> = [
    // vitest: "      Tests  2 failed | 8 passed (10)"
    pick(text, /^\s*Tests\s+((?:\d+ \w+(?: \| )?)+)\s*\((\d+)\)/m, (m) => {
      const s = m[1]!;
      const passed = countsIn(s, "passed");
      const failed = countsIn(s, "failed");
      const skipped = countsIn(s, "skipped") + countsIn(s, "todo");
      return { passed, failed, total: num(m[2]), skipped: skipped || undefined, runner: "vitest" };
    }),
    // jest: "Tests:       2 failed, 8 passed, 10 total"
    pick(text, /^Tests:\s+(.*?)(\d+) total/m, (m) => ({
      passed: countsIn(m[1]!, "passed"),
      failed: countsIn(m[1]!, "failed"),
      skipped: countsIn(m[1]!, "skipped") || undefined,
      total: num(m[2]),
      runner: "jest",
    })),
    // mocha: "  8 passing (12ms)" then optionally "  2 failing"
    pick(text, /^\s*(\d+) passing \([^)]*\)(?:\n\s*(\d+) pending)?(?:\n\s*(\d+) failing)?/m, (m) => {
      const passed = num(m[1]);
      const failed = num(m[3]);
      return { passed, failed, total: passed + failed, skipped: num(m[2]) || undefined, runner: "mocha" };
    }),
    // node --test: "ℹ tests 10 … ℹ pass 8 … ℹ fail 2" (spec) or "# tests 10 … # pass 8 … # fail 2" (TAP)
    pick(text, /^[ℹ#] tests (\d+)\n(?:[ℹ#] \w+ \d+\n)*?[ℹ#] pass (\d+)\n[ℹ#] fail (\d+)/m, (m) => ({
      passed: num(m[2]),
      failed: num(m[3]),
      total: num(m[1]),
      runner: "node",
    })),
    // pytest: "==== 2 failed, 8 passed in 0.12s ====" or "8 passed in 0.05s"
    pick(
      text,
      /^=*\s*((?:\d+ (?:failed|passed|skipped|errors?|xfailed|xpassed|deselected|warnings?)(?:, )?)+) in [\d.]+s/m,
      (m) => {
        const s = m[1]!;
        const passed = countsIn(s, "passed");
        const failed = countsIn(s, "failed") + countsIn(s, "error");
        const skipped = countsIn(s, "skipped");
        return { passed, failed, total: passed + failed + skipped, skipped: skipped || undefined, runner: "pytest" };
      },
    ),
    // cargo test: "test result: FAILED. 8 passed; 2 failed; 0 ignored; …"
    pick(text, /^test result: \w+\. (\d+) passed; (\d+) failed; (\d+) ignored/m, (m) => ({
      passed: num(m[1]),
      failed: num(m[2]),
      total: num(m[1]) + num(m[2]) + num(m[3]),
      skipped: num(m[3]) || undefined,
      runner: "cargo",
    })),
  ];
  // go test -v: "--- PASS: TestX/sub" lines. A test with subtests reports too; count only the leaves.
  const goLines = [...text.matchAll(/^\s*--- (PASS|FAIL|SKIP): (\S+)/gm)];
  if (goLines.length > 0) {
    const names = goLines.map((m) => m[2]!);
    const leaf = (n: string) => !names.some((o) => o.startsWith(`${n}/`));
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const m of goLines) {
      if (!leaf(m[2]!)) continue;
      if (m[1] === "PASS") passed++;
      else if (m[1] === "FAIL") failed++;
      else skipped++;
    }
    const p: TestProgress = { passed, failed, total: passed + failed + skipped, runner: "go" };
    if (skipped) p.skipped = skipped;
    found.push({ at: goLines.at(-1)!.index ?? 0, p });
  }
  const best = found.filter((f): f is Found => !!f).sort((a, b) => b.at - a.at)[0];
  if (!best) return null;
  const p = best.p;
  if (p.skipped === undefined) delete p.skipped;
  return p;
}
