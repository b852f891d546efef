// Adversarial list: long hostile lines (devkit/hostile-lines.ts: one pattern-start fragment repeated to 96k
// characters) fed to every parser that reads text an agent or a screen controls. What is asserted is what the
// parsers return; how long they take is measured in bench/parsers.ts (no timing here). On the old patterns a
// 96k-character `-eyJ` line took seconds in the JWT redaction and `git ` + spaces seconds in the risk rules:
// each restarted at every fragment and scanned to the end of the line.
//
//   a 96k hostile line, then " Bearer" + a JWT                → the JWT is redacted (the line ends `Bearer [redacted]`)
//   a 96k hostile line as a Bash command                       → high: "too long to check (96000 characters)"
//   a 4096-character hostile line as a Bash command            → read by the rules: a tier, never low for `$`/network words
//   a 96k hostile line in a Claude Code / Codex idle screen    → still idle (a history line is not a marker)
//   a 96k hostile line as a whole screen                       → a reading (no dialog invented from a hostile line)
//   a 96k hostile line to the test-progress reader             → null or whole numbers, never NaN
//   a 96k hostile line to the web page's ANSI reader           → runs of text with no escape left
//   a 96k hostile line to the terminal sanitizer               → printable characters and line feeds only
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { classifyScreen as claudeScreen } from "../../src/agents/claude-code/screen.js";
import { classifyScreen as codexScreen } from "../../src/agents/codex/screen.js";
import { redactSecrets } from "../../src/api/redact.js";
import { assessRisk, MAX_RISK_INPUT } from "../../src/core/approvals/risk.js";
import { parseTestProgress } from "../../src/core/sessions/progress.js";
import { ansiToLines, linesText } from "../../src/doors/web/ansi.js";
import { printable } from "../../src/format/printable.js";
import { hostileLines, repeatTo } from "../../devkit/hostile-lines.js";

const LINES = hostileLines(96_000);
const JWT = ["eyJ", "hbGciOiJIUzI1NiJ9", ".", "eyJzdWIiOiIxIn0", ".", "AbCdEfGhIjKl"].join("");
const FIXTURES = join(import.meta.dirname, "../fixtures");
const bash = (detail: string) => assessRisk({ kind: "tool", tool: "Bash", detail }, "/home/u/project", "shell");

describe("every parser reads a long hostile line and answers sensibly", () => {
  it("redaction still finds a secret after a hostile line, and changes nothing it should not", () => {
    for (const l of LINES) {
      const out = redactSecrets(`${l.text} Bearer ${JWT}`);
      expect(out, l.name).not.toContain(JWT.slice(4));
      expect(out.endsWith(" Bearer [redacted]"), l.name).toBe(true);
    }
  });

  it("risk: a command past the bound is high without reading it; one within is read by every rule", () => {
    for (const l of LINES) {
      expect(bash(l.text), l.name).toEqual({ tier: "high", reasons: ["too long to check (96000 characters)"] });
      const within = repeatTo(l.text.slice(0, 64), MAX_RISK_INPUT);
      const r = bash(within);
      expect(["high", "normal", "low"], l.name).toContain(r.tier);
      if (/[$]|curl|ssh/.test(within)) expect(r.tier, l.name).not.toBe("low");
    }
  });

  it("screens: a hostile history line leaves an idle screen idle, and a hostile screen invents no dialog", () => {
    const claudeIdle = readFileSync(join(FIXTURES, "screens/claude-code-2.1.331/idle-after-turn.txt"), "utf8");
    const codexIdle = readFileSync(join(FIXTURES, "codex/codex-0.171.0/idle-after-turn.txt"), "utf8");
    expect(claudeIdle).toContain("● Hello from the mock model.");
    expect(codexIdle).toContain("• hello there");
    for (const l of LINES) {
      // Ends with a mark: a blank run followed by something is what made the old end-trim quadratic.
      const line = `${l.text.replace(/\n/g, " ")} .`;
      expect(claudeScreen(claudeIdle.replace("● Hello from the mock model.", `● ${line}`)).state, l.name).toBe("idle");
      expect(codexScreen(codexIdle.replace("• hello there", `• ${line}`)).state, l.name).toBe("idle");
      for (const read of [claudeScreen, codexScreen]) {
        const r = read(l.text);
        expect(r.prompt, l.name).toBeNull();
      }
    }
  });

  it("test progress: null or whole numbers", () => {
    for (const l of LINES) {
      const p = parseTestProgress(l.text);
      if (p) for (const n of [p.passed, p.failed, p.total]) expect(Number.isInteger(n), l.name).toBe(true);
    }
  });

  it("the web page's ANSI reader and the terminal sanitizer leave no escape or control character", () => {
    for (const l of LINES) {
      expect(linesText(ansiToLines(l.text)), l.name).not.toMatch(/\x1b/);
      expect(printable(l.text), l.name).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f]/);
    }
  });
});
