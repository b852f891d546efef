// The real-agent rigs open in this test file, so that a failing test can say what each of them was doing
// (test/explain-failures.ts). No imports: the set-up file that reads this set loads before every test file of
// the "tests" project, and must not pull the rigs' modules into the files that use none.
export interface Explains {
  /** What the rig's sessions, agent processes and mock were doing, as lines for a person reading a failure. */
  explain(): Promise<string>;
}

export const liveRigs = new Set<Explains>();
