// Once per `vitest run`, before any test file: unpacks the browser tests' Chromium from npm (devkit/chromium.ts),
// and on request starts a CPU hog so a run can be checked under load. docs/testing.md.
//   CHROMIUM_PATH=/path/to/chromium   use that browser instead of the one from @sparticuz/chromium
//   WINGMAN_TEST_CPU_HOG=1            keep one core busy for the whole run: a `for(;;)` node process, stopped
//                                     by its PID at the end (it also stops by itself if vitest dies)
import { type ChildProcess, spawn } from "node:child_process";
import type { TestProject } from "vitest/node";
import { chromiumPath } from "../devkit/chromium.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** The Chromium the browser tests launch (test/browser/browser.ts). */
    chromiumPath: string;
  }
}

/** A node process spinning one core; it exits by itself once its parent (this vitest) is gone. */
function startCpuHog(): ChildProcess {
  const loop =
    "const p = process.ppid; for (let i = 0; ; i++) if (i % 2e8 === 0 && process.ppid !== p) process.exit(0);";
  const hog = spawn(process.execPath, ["-e", loop], { stdio: "ignore" });
  console.log(`global set-up: CPU hog started (PID ${hog.pid}, WINGMAN_TEST_CPU_HOG=1)`);
  return hog;
}

export default async function setup(project: TestProject): Promise<() => void> {
  project.provide("chromiumPath", await chromiumPath((line) => console.log(`global set-up: ${line}`)));
  const hog = process.env.WINGMAN_TEST_CPU_HOG === "1" ? startCpuHog() : undefined;
  return () => {
    if (hog?.pid !== undefined && hog.exitCode === null && hog.signalCode === null) {
      process.kill(hog.pid, "SIGKILL");
      console.log(`global teardown: CPU hog stopped (PID ${hog.pid})`);
    }
  };
}
