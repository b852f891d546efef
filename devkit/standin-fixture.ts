// For vitest files that drive the stand-in agent on real tmux: before each test a fresh Wingman (own state
// dir and tmux socket), a prompt log the stand-in appends to, and a project folder; after it, cleanup.
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach } from "vitest";
import { tempWingman, type TempWingman } from "./temp-wingman.js";

export interface StandinFixture {
  t: TempWingman;
  /** STANDIN_LOG: each prompt the stand-in submitted (read with devkit/wait.ts standinPrompts). */
  log: string;
  work: string;
}

/** Registers the hooks in the calling describe block; `use` receives each test's fixture. */
export function standinEach(use: (f: StandinFixture) => void): void {
  let t: TempWingman | undefined;
  beforeEach(async () => {
    t = await tempWingman();
    const log = join(t.root, "prompts.log");
    t.env.STANDIN_LOG = log;
    const work = join(t.root, "project");
    await mkdir(work);
    use({ t, log, work });
  });
  afterEach(async () => {
    await t?.cleanup();
  });
}
