// Progress parsing on real output of each runner (test/fixtures/progress, see its README).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseTestProgress } from "../../src/core/sessions/progress.js";

const fixture = (f: string) => readFileSync(join(import.meta.dirname, "../fixtures/progress", f), "utf8");

describe("test progress from real runner output", () => {
  it.each([
    ["vitest.txt", "vitest"],
    ["jest.txt", "jest"],
    ["mocha.txt", "mocha"],
    ["node-test-spec.txt", "node"],
    ["node-test-tap.txt", "node"],
    ["pytest.txt", "pytest"],
    ["go-test.txt", "go"],
    ["cargo.txt", "cargo"],
  ])("%s: 8 passed, 2 failed of 10", (file, runner) => {
    expect(parseTestProgress(fixture(file))).toEqual({ passed: 8, failed: 2, total: 10, runner });
  });

  it("never invents: no summary, no progress", () => {
    expect(parseTestProgress("")).toBeNull();
    expect(parseTestProgress("Compiling…\nall good, 8 things passed the vibe check")).toBeNull();
    expect(parseTestProgress("● Fixed the schema bug.")).toBeNull();
  });

  it("takes the last summary when a session ran the tests twice", () => {
    const text = `${fixture("jest.txt")}\n…fixed…\nTests:       10 passed, 10 total\n`;
    expect(parseTestProgress(text)).toEqual({ passed: 10, failed: 0, total: 10, runner: "jest" });
  });
});
