// Host edges: a remote machine that stops answering is one notification (host_down), and its return is
// another (host_back), not one "unknown" per session on it every tick.
import type { Notification } from "../../api/notify.js";
import type { SessionView } from "../../api/types.js";

export type HostEdge = Pick<Notification, "type" | "host" | "stateReason">;

/** The edges between the hosts that were down (`before`) and these views; and the hosts down now. */
export function hostEdges(views: SessionView[], before: readonly string[]): { edges: HostEdge[]; down: string[] } {
  const down = new Set<string>();
  const seen = new Set<string>();
  for (const v of views) {
    if (v.host === null) continue;
    seen.add(v.host);
    if (v.stateReason === "host_unreachable") down.add(v.host);
  }
  const was = new Set(before);
  const edges: HostEdge[] = [];
  for (const h of down) {
    if (!was.has(h)) edges.push({ type: "host_down", host: h, stateReason: views.find((v) => v.host === h)?.detail });
  }
  // A host with no session left is forgotten (nothing to say about it either way).
  for (const h of was) if (!down.has(h) && seen.has(h)) edges.push({ type: "host_back", host: h });
  return { edges, down: [...down] };
}
