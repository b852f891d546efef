// The OpenCode adapter: everything that knows OpenCode (launch, its plugin's signals, screens, keys) behind
// the Agent interface (agents/agent.ts). Facts it relies on: docs/opencode.md.
import type { AgentSettings, LaunchInput } from "../agent.js";
import { defineAgent, screenDriver } from "../kit/define.js";
import { chooseForAction, planAnswer } from "./choose.js";
import { fuse } from "./fusion.js";
import { executeKeys, SETTLE_MS } from "./keys.js";
import { launchPlan, openCodeArgs } from "./launch.js";
import { cleanOutput } from "./output.js";
import { foldSignals, pluginFile } from "./plugin.js";
import { classifyScreen } from "./screen.js";
import { settings } from "./settings.js";
import { type OpenCodeState, openCodeStateProblem } from "./state.js";
import { submitPrompt } from "./submit.js";

const classify = (screen: string) => classifyScreen(screen);

/** `opencode` run directly, through a Node or Bun launcher (`node …/bin/opencode`), or its platform binary. */
function matchesProcess(argv: string[]): boolean {
  const base = (s: string | undefined) => (s ?? "").split("/").pop() ?? "";
  const isOpenCode = (s: string | undefined) => /^opencode(\.exe)?$/.test(base(s));
  if (isOpenCode(argv[0])) return true;
  return /^(node|bun)$/.test(base(argv[0])) && isOpenCode(argv[1]) && /opencode/.test(argv[1] ?? "");
}

export const opencode = defineAgent<OpenCodeState>({
  id: "opencode",
  label: "OpenCode",
  speaker: "OpenCode",
  words: ["opencode"],
  settings,
  installHint: "install it (npm i -g opencode-ai) or set WINGMAN_OPENCODE_COMMAND",

  setupFiles: (agentDir) => [pluginFile(agentDir)],
  launch: (o: LaunchInput) =>
    launchPlan({
      settings: o.settings,
      env: o.env,
      session: o.session,
      signalsDir: o.signalsDir,
      plugin: pluginFile(o.agentDir).path,
      resumeId: o.resumeId,
    }),
  resumeArgv: (settings: AgentSettings, id: string) => [settings.command, ...openCodeArgs(settings, { resumeId: id })],
  resumeCommand: (id: string) => `opencode -s ${id}`,
  modelArgs: (model: string) => ["-m", model],
  matchesProcess,

  initialState: () => ({}),
  stateProblem: openCodeStateProblem,
  cursorOf: (state) => state.cursor,
  fold: (state, signals) => foldSignals(state, signals),
  announcesPrompts: false,
  turnEnded: (state) => state.turnEndedAt !== undefined && state.busy !== true,
  runningTool: () => undefined,

  screenEscapes: true,
  ...screenDriver(classify, executeKeys, submitPrompt),
  cleanScreen: cleanOutput,
  fuse,
  toolClass: (tool) =>
    tool === "Edit" ? "write" : tool === "WebFetch" ? "fetch" : tool === "ExternalDirectory" ? "read" : "shell",

  choose: chooseForAction,
  planAnswer,
  settleMs: SETTLE_MS,
});
