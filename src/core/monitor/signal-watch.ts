// What wakes the monitor when a signal file lands here: one watch on the events folder (a session folder made or
// removed, Wingman's own `.nudge`) and one on each session's folder (its agent's signal files). Any event there
// wakes the monitor with the session it concerns (the folder's name; the name a nudge holds), whose screen the
// monitor then reads again; the watch says "look at this session now", never what changed.
//
// Not Node's `fs.watch(dir, { recursive: true })`: on Linux (Node 20 to 24) it watches each folder by its inode
// but remembers it by its name, so a session folder removed and made again under the same name (a spawn over an
// exited session, a resume: spawn.ts resets the folder) was never watched again once the new folder existed
// before the watcher saw the old one go, which is how it goes when another process (the CLI) does it. That
// session's hooks then woke nothing, and its prompts waited for the monitor's slow look (up to 16 s). Here a
// folder named by an event on the events folder is watched afresh every time.
import { type FSWatcher, lstatSync, readdirSync, readFileSync, watch } from "node:fs";
import { join } from "node:path";
import { isValidName } from "../store/names.js";

export class SignalWatch {
  private root: FSWatcher | null = null;
  private readonly folders = new Map<string, FSWatcher>();
  private closed = false;
  private readonly dir: string;
  private readonly wake: (session?: string) => void;
  private readonly warn: (message: string) => void;

  /** `wake` gets the session an event concerns, or nothing when it cannot be told (a nudge without a valid name). */
  constructor(dir: string, wake: (session?: string) => void, warn: (message: string) => void) {
    this.dir = dir;
    this.wake = wake;
    this.warn = warn;
  }

  /** Watch the events folder and each session folder in it now; throws when the events folder cannot be watched. */
  start(): void {
    this.root = watch(this.dir, (_event, name) => {
      // A name (a session folder, or a dot file such as `.nudge`) is watched again before the wake, so the look the
      // wake brings reads a folder whose next change is already watched. No name (some platforms): all again.
      if (typeof name !== "string") {
        this.followAll();
        this.wake();
      } else if (name === ".nudge") this.wake(this.nudged());
      else {
        this.follow(name);
        this.wake(isValidName(name) ? name : undefined);
      }
    });
    this.root.on("error", (e) => this.warn(`event watch failed, polling only: ${e.message}`));
    this.root.unref();
    this.followAll();
  }

  close(): void {
    this.closed = true;
    this.root?.close();
    this.root = null;
    for (const w of this.folders.values()) w.close();
    this.folders.clear();
  }

  /** The session a nudge names (local-files.ts writes it; hostile until it passes the name rule). */
  private nudged(): string | undefined {
    try {
      const name = readFileSync(join(this.dir, ".nudge"), "utf8").slice(0, 64);
      return isValidName(name) ? name : undefined;
    } catch {
      return undefined;
    }
  }

  private followAll(): void {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return;
    }
    for (const n of names) this.follow(n);
    for (const n of this.folders.keys()) if (!names.includes(n)) this.follow(n);
  }

  /**
   * Watch the session folder `name` afresh (the new watch first, then the old one closed: the same folder is never
   * unwatched in between), or stop watching it when it is no folder now. A symlink is not followed.
   */
  private follow(name: string): void {
    if (this.closed || name.startsWith(".")) return;
    const path = join(this.dir, name);
    const old = this.folders.get(name);
    let w: FSWatcher | null = null;
    try {
      if (lstatSync(path).isDirectory()) {
        w = watch(path, () => this.wake(isValidName(name) ? name : undefined));
        w.on("error", () => {
          // The folder went away under its watch; the events folder's own event for it decides what follows.
          w?.close();
          if (this.folders.get(name) === w) this.folders.delete(name);
        });
        w.unref();
      }
    } catch {
      w = null; // gone between the event and this look (a kill removing it): nothing to watch
    }
    if (w) this.folders.set(name, w);
    else this.folders.delete(name);
    old?.close();
  }
}
