// Drives one real Claude Code process in a tmux pane of its own socket, for the screen recorder.
// argv arrays only (execFile), never a shell string; the tmux server is ours and is killed by its socket.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export interface LaunchOptions {
  workdir: string;
  /** The complete environment of the agent (nothing else is inherited). */
  env: Record<string, string>;
  argv: string[];
  width?: number;
  height?: number;
}

export class ClaudePane {
  readonly dir: string;
  readonly socket: string;
  readonly target = "rec";

  private constructor(dir: string) {
    this.dir = dir;
    this.socket = join(dir, "tmux.sock");
  }

  /** Starts the agent in a fresh tmux server; the pane stays after exit so the last screen can be read. */
  static async launch(o: LaunchOptions): Promise<ClaudePane> {
    const pane = new ClaudePane(mkdtempSync(join(tmpdir(), "wingman-rec-")));
    const envArgs = Object.entries(o.env).flatMap(([k, v]) => ["-e", `${k}=${v}`]);
    await pane.tmux(
      [
        "new-session",
        "-d",
        "-s",
        pane.target,
        "-x",
        String(o.width ?? 200),
        "-y",
        String(o.height ?? 50),
        "-c",
        o.workdir,
        ...envArgs,
        "--",
        ...o.argv,
        ";",
        "set-option",
        "-g",
        "remain-on-exit",
        "on",
      ],
      o.env,
    );
    return pane;
  }

  /** tmux on our socket; the server (first call) gets only the agent's environment. */
  async tmux(args: string[], env?: Record<string, string>): Promise<string> {
    const { stdout } = await run("tmux", ["-S", this.socket, "-f", "/dev/null", ...args], {
      env: env ?? { PATH: "/usr/local/bin:/usr/bin:/bin" },
      maxBuffer: 4 * 1024 * 1024,
    });
    return stdout;
  }

  /** The screen as plain text (-J joins lines the terminal wrapped). Trailing blanks trimmed per line. */
  async capture(): Promise<string> {
    const out = await this.tmux(["capture-pane", "-p", "-J", "-t", this.target]);
    return out
      .split("\n")
      .map((l) => l.trimEnd())
      .join("\n")
      .replace(/\n+$/, "\n");
  }

  async paneDead(): Promise<boolean> {
    const out = await this.tmux(["display-message", "-p", "-t", this.target, "#{pane_dead}"]).catch(() => "1");
    return out.trim() === "1";
  }

  /** Waits until the agent process has ended (the pane stays, remain-on-exit). */
  async waitDead(timeoutMs = 10_000): Promise<boolean> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if (await this.paneDead()) return true;
      await sleep(100);
    }
    return false;
  }

  /** Key names (Enter, Escape, Down, BTab, C-c, 1…). */
  async keys(...keys: string[]): Promise<void> {
    await this.tmux(["send-keys", "-t", this.target, ...keys]);
  }

  /** Literal text into whatever has focus. */
  async type(text: string): Promise<void> {
    await this.tmux(["send-keys", "-t", this.target, "-l", "--", text]);
  }

  /** Type, pause (a burst with Enter in it is taken as a paste), Enter. */
  async submit(text: string): Promise<void> {
    await this.type(text);
    await sleep(300);
    await this.keys("Enter");
  }

  async resize(width: number, height = 50): Promise<void> {
    await this.tmux(["resize-window", "-t", this.target, "-x", String(width), "-y", String(height)]);
  }

  /** Polls the screen until `check` holds; throws with the last screen after `timeoutMs`. */
  async waitFor(
    check: (screen: string) => boolean,
    timeoutMs = 15_000,
    label = "condition",
    everyMs = 100,
  ): Promise<string> {
    const until = Date.now() + timeoutMs;
    let screen = "";
    for (;;) {
      screen = await this.capture().catch(() => screen);
      if (check(screen)) return screen;
      if (Date.now() > until) throw new Error(`timed out waiting for ${label}; last screen:\n${screen}`);
      await sleep(everyMs);
    }
  }

  /** Waits for a substring, then lets the dialog finish animating before returning a fresh capture. */
  async settle(marker: string | RegExp, timeoutMs = 15_000, settleMs = 1500): Promise<string> {
    const test = (s: string) => (typeof marker === "string" ? s.includes(marker) : marker.test(s));
    await this.waitFor(test, timeoutMs, String(marker));
    await sleep(settleMs);
    return this.waitFor(test, 5_000, String(marker));
  }

  /** Kills our tmux server (and with it the agent) and removes the socket folder. */
  async close(): Promise<void> {
    await this.tmux(["kill-server"]).catch(() => {});
    rmSync(this.dir, { recursive: true, force: true });
  }
}
