// A pane for unit tests of an agent's key plans (agents/<id>/keys.ts, submit.ts): it shows recorded
// screens and changes them as the real agent would on each key, by rules the test gives. Every key and
// every typed text is recorded, so a test asserts exactly what would have reached the terminal.
import type { PaneIO } from "../src/agents/agent.js";

export interface FakePaneRules {
  /** The screen after `key` on `screen` (return `screen` itself for a key the agent ignores). */
  key(key: string, screen: string, pane: FakePane): string;
  /** The screen after literal `text` is typed (default: unchanged). */
  type?(text: string, screen: string, pane: FakePane): string;
}

export class FakePane implements PaneIO {
  /** Every named key, in order. */
  readonly keysSent: string[] = [];
  /** Every literal text, in order. */
  readonly typed: string[] = [];
  captures = 0;

  constructor(
    public screen: string,
    private readonly rules: FakePaneRules,
  ) {}

  async capture(): Promise<string> {
    this.captures++;
    return this.screen;
  }

  async keys(...keys: string[]): Promise<void> {
    for (const k of keys) {
      this.keysSent.push(k);
      this.screen = this.rules.key(k, this.screen, this);
    }
  }

  async type(text: string): Promise<void> {
    this.typed.push(text);
    this.screen = this.rules.type ? this.rules.type(text, this.screen, this) : this.screen;
  }
}

/**
 * A recorded dialog with its cursor on option `n` (1-based), drawn as the agent draws it: the cursor
 * mark (`❯`, `›`) before the number of that row, a space before the others. `row` matches a numbered
 * option row as (indent)(mark or space) then one space, then (the number and the rest).
 */
export function cursorOn(screen: string, n: number, mark: string, row: RegExp): string {
  return screen
    .split("\n")
    .map((line) => {
      const m = row.exec(line);
      return m ? `${m[1]}${Number.parseInt(m[3]!, 10) === n ? mark : " "} ${m[3]}` : line;
    })
    .join("\n");
}

/** Which option row (1-based) carries the cursor mark, or 0. */
export function cursorRow(screen: string, mark: string, row: RegExp): number {
  for (const line of screen.split("\n")) {
    const m = row.exec(line);
    if (m && m[2] === mark) return Number.parseInt(m[3]!, 10);
  }
  return 0;
}
