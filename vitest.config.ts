import { defineConfig } from "vitest/config";

// Real-CLI and real-host suites share 2 cores and real processes: run files one at a time
// (unit files are fast enough that this costs little) so timings and tmux stay predictable.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The one documented switch: WINGMAN_SKIP_HOST_TESTS=1 leaves the real-host tests out of the run.
    exclude: process.env.WINGMAN_SKIP_HOST_TESTS === "1" ? ["test/host/**", "**/node_modules/**"] : ["**/node_modules/**"],
    fileParallelism: false,
    // Once per run: Chromium from npm for test/browser/, and the CPU hog of WINGMAN_TEST_CPU_HOG=1.
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // The JSON report lets .ci/run print the plain "N passed, N failed" closing line.
    reporters: ["default", "json"],
    outputFile: { json: ".cache/vitest-results.json" },
  },
});
