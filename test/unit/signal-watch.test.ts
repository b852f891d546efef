// What wakes the monitor (src/core/monitor/signal-watch.ts), on the real file system: a signal file wakes it with
// its session's name, also in a session folder removed and made again in one step (as another process does it:
// Node's recursive watch on Linux kept the removed folder's dead watch by name, and woke nothing after it), and a
// nudge wakes it with the name it holds when that is a valid session name.
import { execFileSync } from "node:child_process";
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { mkdtemp, realpath, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SignalWatch } from "../../src/core/monitor/signal-watch.js";

describe("the monitor's signal watch", () => {
  let dir: string;
  let watch: SignalWatch;
  let wakes: Array<string | undefined>;
  let waiting: { ok: (w: string | undefined) => boolean; done: () => void } | null = null;

  /** Resolves at the first wake `ok` accepts (a hang guard of 10 s says which one never came). */
  const wakeFor = (what: string, ok: (w: string | undefined) => boolean) =>
    new Promise<void>((resolve, reject) => {
      if (wakes.some(ok)) return resolve();
      const guard = setTimeout(() => reject(new Error(`no wake-up for ${what}; got ${JSON.stringify(wakes)}`)), 10_000);
      waiting = {
        ok,
        done: () => {
          clearTimeout(guard);
          resolve();
        },
      };
    });

  /** The events already read from the kernel are all handled (the old folder's, which would count as a wake). */
  const pollPhaseOver = () => new Promise((r) => setImmediate(r));

  /** A signal file as hooks/wingman-hook.sh writes it: a temp name, then renamed into place. */
  const signal = (session: string, name: string) => {
    writeFileSync(join(dir, session, `.${name}.tmp`), "{}");
    renameSync(join(dir, session, `.${name}.tmp`), join(dir, session, `${name}.json`));
  };

  beforeEach(async () => {
    dir = await realpath(await mkdtemp(join(tmpdir(), "wm-watch-")));
    mkdirSync(join(dir, "alpha"));
    wakes = [];
    watch = new SignalWatch(
      dir,
      (s) => {
        wakes.push(s);
        if (waiting?.ok(s)) waiting.done();
      },
      () => {},
    );
    watch.start();
  });
  afterEach(async () => {
    watch.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("a signal file in a session folder there at the start wakes it for that session", async () => {
    signal("alpha", "1-1");
    await wakeFor("alpha's file", (w) => w === "alpha");
  });

  it("a session folder made after the start, and one removed and made again in one step by another process", async () => {
    mkdirSync(join(dir, "bravo"));
    await wakeFor("bravo's folder", (w) => w === "bravo");
    signal("bravo", "1-1");
    await wakeFor("bravo's first file", (w) => w === "bravo");
    const folder = join(dir, "bravo");
    execFileSync("/bin/sh", ["-c", 'rm -r -- "$1" && mkdir -- "$1"', "sh", folder]);
    await wakeFor("bravo's folder made again", (w) => w === "bravo");
    await pollPhaseOver();
    wakes = [];
    signal("bravo", "2-1");
    await wakeFor("a file in bravo's new folder", (w) => w === "bravo");
  });

  it("a nudge wakes it for the session it names; a name that breaks the rule wakes it for none", async () => {
    writeFileSync(join(dir, ".nudge"), "alpha");
    await wakeFor("a nudge naming alpha", (w) => w === "alpha");
    wakes = [];
    writeFileSync(join(dir, ".nudge"), "../x\u001b[2J");
    await wakeFor("a hostile nudge", (w) => w === undefined);
    expect(wakes.every((w) => w === undefined)).toBe(true);
  });

  it("a folder removed stops being watched; a file that is not a folder is never watched", async () => {
    rmSync(join(dir, "alpha"), { recursive: true });
    writeFileSync(join(dir, "stray"), "x");
    await wakeFor("stray", (w) => w === "stray");
    mkdirSync(join(dir, "alpha"));
    await wakeFor("alpha made again", (w) => w === "alpha");
    await pollPhaseOver();
    wakes = [];
    signal("alpha", "3-1");
    await wakeFor("a file in alpha made again", (w) => w === "alpha");
  });
});
