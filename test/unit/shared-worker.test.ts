// test/unit/ runs with isolate: false (vitest.config.ts): one worker process, its imports kept, runs the files one
// after another, so a file that changed global state would change it for the files after it. This checks the rule
// the config relies on, and names the file and what it does; such a test belongs in another folder.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const UNIT = resolve(import.meta.dirname);

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith(".test.ts") ? [join(dir, e.name)] : [],
  );
}

/** What a file may not do when it shares its process: a module mock, an environment write, fake time, a chdir. */
const GLOBAL_CHANGES: Array<[string, RegExp]> = [
  ["mocks a module", /\bvi\.(mock|doMock|hoisted)\s*\(/],
  ["stubs a global or the environment", /\bvi\.(stubGlobal|stubEnv)\s*\(/],
  ["writes process.env", /process\.env(\.\w+|\[[^\]]+\])\s*(=(?!=)|\+=)|delete\s+process\.env/],
  ["fakes the clock", /\bvi\.useFakeTimers\s*\(/],
  ["changes the working folder", /process\.chdir\s*\(/],
];

describe("test/unit shares one worker process", () => {
  it("no unit file changes global state (module mocks, process.env, fake timers, chdir)", () => {
    // This file names the patterns in its own text: it is the one left out.
    const found = files(UNIT)
      .filter((f) => f !== resolve(import.meta.filename))
      .flatMap((f) => {
        const text = readFileSync(f, "utf8");
        return GLOBAL_CHANGES.filter(([, re]) => re.test(text)).map(([what]) => `${relative(UNIT, f)} ${what}`);
      });
    expect(found).toEqual([]);
    expect(files(UNIT).length).toBeGreaterThan(40);
  });
});
