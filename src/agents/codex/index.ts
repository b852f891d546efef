// The Codex CLI adapter: everything that knows OpenAI's Codex CLI (launch, notify, screens, keys) behind
// the Agent interface (agents/agent.ts). Facts it relies on: docs/codex.md.
import type { AgentSettings, LaunchInput, UsageRecord } from "../agent.js";
import { defineAgent, screenDriver } from "../kit/define.js";
import { chooseForAction, planAnswer } from "./choose.js";
import { fuse } from "./fusion.js";
import { executeKeys, SETTLE_MS } from "./keys.js";
import { codexArgs, launchPlan } from "./launch.js";
import { isCodexProcess, modelArgs } from "./process.js";
import { foldNotify, notifyScriptFile } from "./notify.js";
import { cleanOutput } from "./output.js";
import { classifyScreen } from "./screen.js";
import { settings } from "./settings.js";
import { type CodexState, codexStateProblem } from "./state.js";
import { submitPrompt } from "./submit.js";
import { codexUsage } from "./usage.js";

const classify = (screen: string) => classifyScreen(screen);

export const codex = defineAgent<CodexState>({
  id: "codex",
  label: "Codex",
  speaker: "Codex",
  words: ["codex"],
  settings,
  installHint: "install it (npm i -g @openai/codex) or set WINGMAN_CODEX_COMMAND",

  setupFiles: (agentDir) => [notifyScriptFile(agentDir)],
  launch: (o: LaunchInput) =>
    launchPlan({
      settings: o.settings,
      session: o.session,
      notifyScript: notifyScriptFile(o.agentDir).path,
      signalsDir: o.signalsDir,
      env: o.env,
      resumeId: o.resumeId,
    }),
  // Without the notify program (no session to signal to): the flags a person would use, then `resume <id>`.
  resumeArgv: (settings: AgentSettings, id: string) => [
    settings.command,
    ...codexArgs(settings, { notifyArgv: null, resumeId: id }),
  ],
  resumeCommand: (id: string) => `codex resume ${id}`,
  modelArgs,
  matchesProcess: isCodexProcess,

  initialState: () => ({}),
  stateProblem: codexStateProblem,
  cursorOf: (state) => state.cursor,
  fold: (state, signals) => foldNotify(state, signals),
  announcesPrompts: false,
  turnEnded: (state) => state.turnEndedAt !== undefined,
  runningTool: () => undefined,

  ...screenDriver(classify, executeKeys, submitPrompt),
  cleanScreen: cleanOutput,
  fuse,
  toolClass: (tool) => (tool === null || tool === "Bash" ? "shell" : "other"),

  choose: chooseForAction,
  planAnswer,
  settleMs: SETTLE_MS,
  usage: codexUsage as UsageRecord,
});
