// The order the two workers take the test files in: the longest first, so that no long file starts last and runs
// on alone at the end (on a fresh clone vitest has no durations of its own and starts the biggest files first;
// the e2e files are slow for their real agents, not their size). docs/testing.md, "Time".
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * Seconds per file from a whole loaded run (fresh clone, CPU hog, ae4cde2). The ranking is what counts, not the
 * figures; a file left out runs after these, in vitest's own order (its cached durations, else the biggest first).
 */
const SECONDS: Record<string, number> = {
  // The three real-host suites, one after another (openclaw 90 s, Telegram 22, clawdbot 14, and their set-ups).
  "test/host/hosts.test.ts": 210,
  "test/e2e/approvals.test.ts": 34,
  "test/remote/fleet.test.ts": 33,
  "test/remote/stream.test.ts": 32,
  "test/security/state-files.test.ts": 32,
  "test/e2e/opencode.test.ts": 31,
  "test/e2e/budget.test.ts": 23,
  "test/integration/worktrees.test.ts": 20,
  "test/e2e/queue.test.ts": 20,
  "test/e2e/claude-states.test.ts": 20,
  "test/e2e/questions.test.ts": 17,
  "test/e2e/gemini.test.ts": 16,
  "test/e2e/codex.test.ts": 14,
  "test/e2e/fleet-four.test.ts": 13,
  "test/security/audit-rotation.test.ts": 11,
  "test/integration/cli-commands.test.ts": 11,
  "test/e2e/adopt.test.ts": 11,
  "test/integration/golden-replies.test.ts": 11,
  "test/browser/approve.test.ts": 11,
  "test/integration/foundation.test.ts": 10,
  "test/e2e/resume.test.ts": 10,
  "test/e2e/worktrees.test.ts": 10,
  "test/e2e/monitor.test.ts": 9,
  "test/unit/agent-keys.test.ts": 8,
  "test/security/agent-boundary.e2e.test.ts": 8,
  "test/security/answer-timing.test.ts": 7,
  "test/security/text-is-text.test.ts": 7,
  "test/remote/worktrees.test.ts": 6,
  "test/security/remote-login-shell.test.ts": 6,
  "test/integration/undrawn-update.test.ts": 6,
  "test/unit/gemini-submit.test.ts": 6,
  "test/e2e/codex-resume.test.ts": 5,
  "test/remote/claude-remote.test.ts": 5,
  "test/security/notification-flood.test.ts": 5,
};

export class SlowFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const base = await super.sort(files);
    const root = (spec: TestSpecification) => spec.project.config.root;
    const name = (spec: TestSpecification) => spec.moduleId.slice(root(spec).length + 1);
    const known = base.filter((s) => SECONDS[name(s)] !== undefined);
    known.sort((a, b) => (SECONDS[name(b)] ?? 0) - (SECONDS[name(a)] ?? 0));
    return [...known, ...base.filter((s) => SECONDS[name(s)] === undefined)];
  }
}
