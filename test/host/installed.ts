// `npm test` installs the real hosts in the background (test/host/setup.sh --background) while the build, the
// type-check, the lint and the other test files run; a host suite waits here for its host's install to end, and
// a failed install fails the suite with the path of the install's log. A host installed earlier (or by a plain
// `bash test/host/setup.sh`, which waits) has nothing to wait for.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO } from "../../devkit/temp-wingman.js";

/** Where setup.sh keeps each background install's log, PID and exit status. */
export const INSTALL_DIR = join(REPO, ".cache/host-install");

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const read = (file: string): string | undefined => (existsSync(file) ? readFileSync(file, "utf8").trim() : undefined);

/**
 * Resolves once the background install of `host` has ended well (or none was started); rejects if it failed,
 * stopped without an exit status, or is still going after `guardMs` (a hang guard, not a speed check).
 */
export async function hostInstalled(host: "clawdbot" | "openclaw", guardMs: number, dir = INSTALL_DIR): Promise<void> {
  const log = join(dir, `${host}.log`);
  const until = Date.now() + guardMs;
  for (;;) {
    const status = read(join(dir, `${host}.status`));
    if (status !== undefined) {
      if (status === "0") return;
      const tail = (read(log) ?? "").split("\n").slice(-20).join("\n");
      throw new Error(`the background install of ${host} failed (exit ${status}); its log: ${log}\n${tail}`);
    }
    const pid = Number(read(join(dir, `${host}.pid`)));
    if (!pid) return; // no background install: the suite's own "not installed" check speaks
    if (!alive(pid)) {
      // It may have written its status between the two reads.
      if (read(join(dir, `${host}.status`)) !== undefined) continue;
      throw new Error(`the background install of ${host} (PID ${pid}) ended without an exit status; its log: ${log}`);
    }
    if (Date.now() > until) {
      throw new Error(
        `the background install of ${host} (PID ${pid}) still runs after ${guardMs / 1000} s; its log: ${log}`,
      );
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}
