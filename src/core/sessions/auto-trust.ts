// autoTrust at spawn: a folder the config names has its agent's trust prompt answered as `trust` would (by the
// prompt's text), and said so in the reply. A worktree is trusted only where its main checkout would be.
import { resolve } from "node:path";
import type { SpawnNotes } from "../../api/outcomes.js";
import { expandHome } from "../../config.js";
import { type Core, SYSTEM } from "../context.js";

/** Whether the folder asked for matches one of the config's autoTrust globs. */
export function autoTrusted(core: Core, workdir: string): boolean {
  return core.config.autoTrust.some((g) => globMatch(resolve(expandHome(g, core.env.HOME || undefined)), workdir));
}

/** A configured folder: answer the trust prompt by its text, as `trust` would, and say so. */
export async function autoTrust(core: Core, name: string): Promise<SpawnNotes["trust"]> {
  const view = await core.waitForState(name, (v) => v.state !== "starting" && v.state !== "unknown", 20_000);
  if (view?.state !== "trust_prompt" || !view.pending) return undefined;
  const r = await core.respond({ session: name, action: "trust", id: view.pending.id }, SYSTEM);
  return r.ok ? { ok: true } : { ok: false, refusal: r.facts };
}

/** Minimal glob for autoTrust: `*` within a path segment, `**` across segments. */
export function globMatch(glob: string, path: string): boolean {
  const re = glob
    .split("**")
    .map((part) =>
      part
        .split("*")
        .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
        .join("[^/]*"),
    )
    .join(".*");
  return new RegExp(`^${re}/?$`).test(path);
}
