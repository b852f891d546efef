// The Gemini CLI adapter: everything that knows Google's Gemini CLI (launch, hooks, screens, keys) behind
// the Agent interface (agents/agent.ts). Facts it relies on: docs/gemini.md.
import type { AgentSettings, LaunchInput } from "../agent.js";
import { defineAgent, screenDriver } from "../kit/define.js";
import { chooseForAction, planAnswer } from "./choose.js";
import { fuse } from "./fusion.js";
import { foldHooks, hookFiles, hookSettingsPath, turnEnded } from "./hooks.js";
import { executeKeys, SETTLE_MS } from "./keys.js";
import { geminiArgs, launchPlan, modelArgs } from "./launch.js";
import { cleanOutput } from "./output.js";
import { isGeminiProcess } from "./process.js";
import { classifyScreen } from "./screen.js";
import { settings } from "./settings.js";
import { type GeminiState, geminiStateProblem } from "./state.js";
import { submitPrompt } from "./submit.js";

const classify = (screen: string) => classifyScreen(screen);

export const gemini = defineAgent<GeminiState>({
  id: "gemini",
  label: "Gemini CLI",
  speaker: "Gemini",
  words: ["gemini"],
  settings,
  installHint: "install it (npm i -g @google/gemini-cli) or set WINGMAN_GEMINI_COMMAND",

  setupFiles: (agentDir) => hookFiles(agentDir),
  launch: (o: LaunchInput) =>
    launchPlan({
      settings: o.settings,
      session: o.session,
      hookSettings: hookSettingsPath(o.agentDir),
      signalsDir: o.signalsDir,
      env: o.env,
      resumeId: o.resumeId,
    }),
  resumeArgv: (settings: AgentSettings, id: string) => [settings.command, ...geminiArgs(settings, { resumeId: id })],
  resumeCommand: (id: string) => `gemini --resume ${id}`,
  modelArgs,
  matchesProcess: isGeminiProcess,

  initialState: () => ({}),
  stateProblem: geminiStateProblem,
  cursorOf: (state) => state.cursor,
  fold: (state, signals) => foldHooks(state, signals),
  // Dialogs come from the screen: the Notification hook only wakes the monitor; while the session works it
  // is also read by its screen alone, as for Codex (the hook may come before the dialog is drawn).
  announcesPrompts: false,
  turnEnded,
  runningTool: () => undefined,

  ...screenDriver(classify, executeKeys, submitPrompt),
  cleanScreen: cleanOutput,
  fuse,
  toolClass: (tool) => (tool === null || tool === "Bash" ? "shell" : "other"),

  choose: chooseForAction,
  planAnswer,
  settleMs: SETTLE_MS,
});
