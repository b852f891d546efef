// Registering an agent: its adapter object, typed by its own stored state, handed to the registry as an
// agent of opaque state. The one place that forgets an agent's state type (what each registration line
// used to do with a cast), and why that is safe: the core hands an agent only the state that agent's
// own initialState() made or its stateProblem() accepted, stored in that agent's record.
import type { ScreenReading } from "../../api/types.js";
import type { Agent, PaneIO } from "../agent.js";
import type { Classify } from "./poll.js";
import type { ExecuteKeys } from "./press.js";

export function defineAgent<S>(agent: Agent<S>): Agent<unknown> {
  return agent as Agent<unknown>;
}

/**
 * An agent's screen side as the core calls it: its classifier, and its key plan and prompt submission with
 * that same classifier bound in, so the keys and the submission read the screen as the monitor does. The
 * submission's result is reduced to what the core reads (submitted or not, and the last screen).
 */
export function screenDriver(
  classify: Classify,
  keys: ExecuteKeys,
  submit: (io: PaneIO, classify: Classify, text: string) => Promise<{ ok: boolean; reading: ScreenReading }>,
): Pick<Agent<unknown>, "classify" | "answer" | "submit"> {
  return {
    classify,
    answer: (io, same, start, plan) => keys(io, classify, same, start, plan),
    submit: async (io, text) => {
      const r = await submit(io, classify, text);
      return { ok: r.ok, reading: r.reading };
    },
  };
}
