// An agent's settings, declared by the agent: the TypeBox schema of its part of the config
// (`agents.<id>`), its defaults, the variable that overrides its program, and the names older configs
// gave it. config.ts builds the config schema and resolves every agent's settings from these, so it
// names no agent. (The shape is declared in agents/agent.ts, beside the rest of what an agent provides.)
import type { AgentSettings, AgentSettingsSpec } from "../agent.js";

export function defineSettings<S extends AgentSettings>(spec: AgentSettingsSpec<S>): AgentSettingsSpec<S> {
  return spec;
}
