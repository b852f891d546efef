// The short name of what a prompt asks, e.g. `Bash(rm -rf build)`: a fact (it names the request, redacted),
// used by the core's history and audit lines and by every reply that names a prompt.
import { redactSecrets } from "./redact.js";
import type { PendingPrompt } from "./types.js";

export function promptLabel(p: Pick<PendingPrompt, "kind" | "tool" | "detail" | "question">): string {
  const d = redactSecrets((p.detail ?? "").replace(/\s+/g, " ").trim());
  const cut = d.length > 80 ? `${d.slice(0, 79)}…` : d;
  if (p.kind === "trust") return `trust ${cut || "folder"}`;
  if (p.tool) return cut ? `${p.tool}(${cut})` : p.tool;
  return p.question || p.kind;
}
