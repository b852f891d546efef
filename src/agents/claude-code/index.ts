// The Claude Code adapter: everything that knows Claude Code (launch, hooks, screens, keys) behind one
// object. A second agent would be a second folder exporting the same shape.
import { chooseForAction, planAnswer } from "./choose.js";
import { fuse } from "./fusion.js";
import { eventsDir, foldEvents, pruneEvents, readNewEvents, writeHookSettings } from "./hooks.js";
import { executeKeys, settle } from "./keys.js";
import { launchPlan } from "./launch.js";
import { classifyScreen } from "./screen.js";
import { submitPrompt } from "./submit.js";
import type { ScreenReading } from "../../api/types.js";

const classify = (screen: string): ScreenReading => classifyScreen(screen);

export const claudeCode = {
  id: "claude-code",
  launchPlan,
  writeHookSettings,
  eventsDir,
  readNewEvents,
  pruneEvents,
  foldEvents,
  classify,
  fuse,
  chooseForAction,
  planAnswer,
  settle,
  executeKeys,
  submitPrompt,
};

export type AgentAdapter = typeof claudeCode;
