import { defineConfig } from "vitest/config";

// Two files at a time: a real-CLI or real-host file spends most of its time waiting on other processes (tmux,
// the agent, a gateway), so a second file fills the gap; each file has its own tmux socket, state dir, mock
// ports and temp folders, so files never share a thing. docs/testing.md, "Time".
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The one documented switch: WINGMAN_SKIP_HOST_TESTS=1 leaves the real-host tests out of the run.
    exclude: process.env.WINGMAN_SKIP_HOST_TESTS === "1" ? ["test/host/**", "**/node_modules/**"] : ["**/node_modules/**"],
    fileParallelism: true,
    maxWorkers: 2,
    // Once per run: Chromium from npm for test/browser/, and the CPU hog of WINGMAN_TEST_CPU_HOG=1.
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // The JSON report lets .ci/run print the plain "N passed, N failed" closing line.
    reporters: ["default", "json"],
    outputFile: { json: ".cache/vitest-results.json" },
  },
});
