import { defineConfig } from "vitest/config";
import { SlowFirst } from "./test/sequencer.js";

// Real-CLI and real-host files spend most of their time waiting on other processes (tmux, the agent, a mock),
// so two of them run at a time, the longest first (test/sequencer.ts); each has its own tmux socket, state dir,
// mock ports and temp folders, so files share nothing. The real-host suites are one file (test/host/hosts.test.ts),
// so they run one after another (a gateway's start is CPU-bound: seconds of a whole core) in one of the two
// workers, beside the other files instead of after them. docs/testing.md, "Time".
const HOST_FILES = "test/host/**/*.test.ts";
// The unit files change no global state (no module mocks, no writes to process.env, no fake timers, no chdir;
// their temp folders and small programs are their own), so one worker process runs them one after another with
// its imports kept (isolate: false) instead of a fresh process and fresh imports per file.
// test/unit/shared-worker.test.ts checks the rule. docs/testing.md, "What `npm test` runs".
const UNIT_FILES = "test/unit/**/*.test.ts";
export default defineConfig({
  test: {
    // Once per run: Chromium from npm for test/browser/, and the CPU hog of WINGMAN_TEST_CPU_HOG=1.
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // expect.poll waits for something a test says will happen; its 1 s default was a hidden timing threshold
    // (the dashboard's "Sent to bravo" missed it under load). The same 10 s the other polls name.
    expect: { poll: { timeout: 10_000 } },
    // The JSON report lets .ci/run print the plain "N passed, N failed" closing line.
    reporters: ["default", "json"],
    sequence: { sequencer: SlowFirst },
    outputFile: { json: ".cache/vitest-results.json" },
    projects: [
      {
        extends: true,
        test: {
          name: "tests",
          include: ["test/**/*.test.ts"],
          exclude: [HOST_FILES, UNIT_FILES, "**/node_modules/**"],
          // A failed test prints what the real-agent rigs open in its file were doing (devkit/live-rigs.ts).
          setupFiles: ["test/explain-failures.ts"],
          maxWorkers: 2,
        },
      },
      { extends: true, test: { name: "unit", include: [UNIT_FILES], maxWorkers: 2, isolate: false } },
      // The one documented switch: WINGMAN_SKIP_HOST_TESTS=1 leaves the real-host tests out of the run.
      ...(process.env.WINGMAN_SKIP_HOST_TESTS === "1"
        ? []
        : [
            {
              extends: true as const,
              // Hang guards with room for a host's CPU-bound start on a loaded machine (test/host/gateway.ts, HOST_HANG_MS).
              // The same two workers as "tests" (vitest runs projects with equal maxWorkers side by side).
              test: { name: "host", include: [HOST_FILES], maxWorkers: 2, testTimeout: 600_000, hookTimeout: 600_000 },
            },
          ]),
    ],
  },
});
