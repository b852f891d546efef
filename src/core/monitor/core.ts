// What the monitor needs of the core: the API it answers through, and this machine's panes to list.
import type { PaneHost } from "../../hosts/host.js";
import type { Wingman } from "../wingman.js";
import type { WatchFleet } from "./host-watch.js";

export type MonitorCore = Pick<Wingman, "stateDir" | "refresh" | "readRegistry" | "updateRegistry" | "respond"> & {
  readonly panes: Pick<PaneHost, "listPanes">;
  /** A session's branch changes, for the "finished" line (optional: a stand-in core may have none). */
  changes?: Wingman["changes"];
  /** Reading the agents' records for usage and budgets (optional: a stand-in core may have none). */
  refreshUsage?: Wingman["refreshUsage"];
  turnUsage?: Wingman["turnUsage"];
  /** Past 100% of a budget the auto-approver pauses for that session (its prompts go to a person). */
  overBudget?: Wingman["overBudget"];
  /** Type a session's next queued follow-up if it is idle (optional: a stand-in core may have no queue). */
  typeQueued?: Wingman["typeQueued"];
  /** Other machines, whose changes the monitor follows as they happen where their host can stream them. */
  readonly fleet?: WatchFleet;
};
