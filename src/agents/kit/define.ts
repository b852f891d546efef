// Registering an agent: its adapter object, typed by its own stored state, handed to the registry as an
// agent of opaque state. The one place that forgets an agent's state type (what each registration line
// used to do with a cast), and why that is safe: the core hands an agent only the state that agent's
// own initialState() made or its stateProblem() accepted, stored in that agent's record.
import type { Agent } from "../agent.js";

export function defineAgent<S>(agent: Agent<S>): Agent<unknown> {
  return agent as Agent<unknown>;
}
