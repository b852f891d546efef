// The Claude Code adapter: everything that knows Claude Code (launch, hooks, screens, keys) behind the
// Agent interface (agents/agent.ts). Facts it relies on: docs/claude-code.md.
import type { Agent, AgentSettings, LaunchInput, UsageRecord } from "../agent.js";
import { defineAgent, screenDriver } from "../kit/define.js";
import { chooseForAction, planAnswer } from "./choose.js";
import { fuse } from "./fusion.js";
import { foldEvents, hookEventOf, hookFiles, hookSettingsPath } from "./hooks.js";
import { executeKeys, SETTLE_MS } from "./keys.js";
import { launchPlan } from "./launch.js";
import { isClaudeCodeProcess, modelArgs } from "./process.js";
import { cleanOutput } from "./output.js";
import { classifyScreen } from "./screen.js";
import { settings } from "./settings.js";
import { type HookState, hookStateProblem } from "./state.js";
import { submitPrompt } from "./submit.js";
import { claudeUsage } from "./usage.js";

const classify = (screen: string) => classifyScreen(screen);

/** Claude Code's tools, as the risk rules read them. */
const TOOL_CLASSES: Record<string, ReturnType<Agent["toolClass"]>> = {
  Bash: "shell",
  Write: "write",
  Edit: "write",
  MultiEdit: "write",
  NotebookEdit: "write",
  Read: "read",
  Glob: "read",
  Grep: "read",
  WebFetch: "fetch",
  WebSearch: "fetch",
  AskUserQuestion: "question",
  ExitPlanMode: "plan",
};

export const claudeCode = defineAgent<HookState>({
  id: "claude-code",
  label: "Claude Code",
  speaker: "Claude",
  words: ["claude"],
  settings,
  installHint: "install it (npm i -g @anthropic-ai/claude-code) or set WINGMAN_CLAUDE_COMMAND",

  setupFiles: (agentDir) => hookFiles(agentDir),
  launch: (o: LaunchInput) =>
    launchPlan({
      settings: o.settings,
      session: o.session,
      settingsFile: hookSettingsPath(o.agentDir),
      eventsDir: o.signalsDir,
      env: o.env,
      resumeId: o.resumeId,
    }),
  // Resumed without Wingman's launch flags' session state: `claude --resume <id>` plus the usual settings.
  resumeArgv: (settings: AgentSettings, id: string) => [settings.command, "--resume", id],
  resumeCommand: (id: string) => `claude --resume ${id}`,
  modelArgs,
  matchesProcess: isClaudeCodeProcess,

  initialState: () => ({}),
  stateProblem: hookStateProblem,
  cursorOf: (state) => state.cursor,
  fold: (state, signals) => foldEvents(state, signals.map(hookEventOf)),
  announcesPrompts: true,
  turnEnded: (state) => state.turn === "idle" || state.turn === "error",
  runningTool: (state) => {
    const t = state.runningTool;
    if (!t) return undefined;
    const d = String(t.input.command ?? t.input.file_path ?? "");
    return d ? `${t.tool}(${d})` : t.tool;
  },

  ...screenDriver(classify, executeKeys, submitPrompt),
  cleanScreen: cleanOutput,
  fuse: (o) =>
    fuse({
      pane: o.pane,
      reading: o.reading,
      hook: o.state,
      resolvedSeq: o.resolvedSeq,
      promptClosedAt: o.promptClosedAt,
      createdAt: o.createdAt,
      now: o.now,
    }),
  toolClass: (tool) => (tool === null ? "shell" : (TOOL_CLASSES[tool] ?? "other")),

  choose: chooseForAction,
  planAnswer,
  settleMs: SETTLE_MS,
  usage: claudeUsage as UsageRecord,
});
