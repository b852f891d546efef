import { defineConfig } from "vitest/config";

// Real-CLI and real-host files spend most of their time waiting on other processes (tmux, the agent, a mock),
// so two of them run at a time; each has its own tmux socket, state dir, mock ports and temp folders, so files
// share nothing. The host files are the exception: a real gateway's start is CPU-bound (seconds of a whole
// core), so they run in a group of their own, one at a time. docs/testing.md, "Time".
const HOST_FILES = "test/host/**/*.test.ts";
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
    outputFile: { json: ".cache/vitest-results.json" },
    projects: [
      {
        extends: true,
        test: { name: "tests", include: ["test/**/*.test.ts"], exclude: [HOST_FILES, "**/node_modules/**"], maxWorkers: 2, sequence: { groupOrder: 0 } },
      },
      // The one documented switch: WINGMAN_SKIP_HOST_TESTS=1 leaves the real-host tests out of the run.
      ...(process.env.WINGMAN_SKIP_HOST_TESTS === "1"
        ? []
        : [
            {
              extends: true as const,
              // Hang guards with room for a host's CPU-bound start on a loaded machine (test/host/gateway.ts, HOST_HANG_MS).
              test: { name: "host", include: [HOST_FILES], fileParallelism: false, testTimeout: 600_000, hookTimeout: 600_000, sequence: { groupOrder: 1 } },
            },
          ]),
    ],
  },
});
