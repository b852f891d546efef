// A scriptable stand-in for the Gemini API (`generateContent`, `streamGenerateContent?alt=sse`), so the
// real Gemini CLI can be driven into any screen state offline (GOOGLE_GEMINI_BASE_URL points here). The
// "model" obeys a one-line directive found in the last user text it receives (see `decide`). Listens on
// 127.0.0.1 only. Protocol facts: docs/gemini.md.
//
// Written to run both under vitest and under plain Node 24 type stripping (scripts/record-gemini-screens.ts):
// no enums, namespaces or parameter properties here.
import { createServer, type ServerResponse } from "node:http";
import { directiveOf, listenLocal, withJsonBody } from "./mock-server.ts";

export interface GeminiRequest {
  method: string;
  path: string;
  body: unknown;
  /** What the mock did: `SAY`, `RUN_BASH`, `ASK`, `TOOL_RESULT`, `ROUTER`, `JSON`, `FAIL`, `DEFAULT`, `404`… */
  directive: string;
  /** The user text the directive was read from (empty for tool results and side requests). */
  userText: string;
  /** For TOOL_RESULT: the function response the CLI sent back (what the tool returned, or why it did not run). */
  toolResponse?: unknown;
  at: number;
}

export interface MockGemini {
  url: string;
  port: number;
  requests: GeminiRequest[];
  /** The user texts the model received as prompts (not side requests, not tool results), in order. */
  prompts(): string[];
  close(): Promise<void>;
}

type Part = { text?: string; thought?: boolean; functionCall?: unknown; functionResponse?: unknown };
type Content = { role?: string; parts?: Part[] };

type Reply =
  | { kind: "text"; text: string; slowSecs?: number }
  | { kind: "call"; name: string; args: Record<string, unknown> }
  | { kind: "json"; value: unknown }
  | { kind: "fail"; status: number; message: string };

/** A content's text, less the CLI's own context parts (its session context rides in the first prompt's content). */
const textOf = (c: Content | undefined) =>
  (c?.parts ?? [])
    .filter((p) => typeof p.text === "string" && !p.thought && !CONTEXT_TEXT.test(p.text))
    .map((p) => p.text!)
    .join("");

/** The CLI's own user-role texts (its session context, system reminders): not the person's prompt. */
const CONTEXT_TEXT = /^\s*<(session_context|system-reminder|hook_context|user_context|environment)[\s>]/;

/** The side request the "Auto" model router sends before a turn: a JSON verdict on the prompt's complexity. */
function isRouter(b: Record<string, unknown>): boolean {
  const g = (b.generationConfig ?? {}) as Record<string, unknown>;
  const schema = JSON.stringify(g.responseSchema ?? g.responseJsonSchema ?? "");
  return schema.includes("complexity_score") || JSON.stringify(b.systemInstruction ?? "").includes("complexity");
}

export function decide(
  path: string,
  body: unknown,
): { directive: string; userText: string; reply: Reply; toolResponse?: unknown } {
  const b = (body ?? {}) as Record<string, unknown>;
  const contents = (Array.isArray(b.contents) ? b.contents : []) as Content[];
  if (!path.includes(":streamGenerateContent")) {
    // Side requests ask for JSON: the router's complexity verdict, or anything else answered with an empty object.
    if (isRouter(b))
      return {
        directive: "ROUTER",
        userText: "",
        reply: { kind: "json", value: { complexity_reasoning: "a scripted test turn", complexity_score: 10 } },
      };
    return { directive: "JSON", userText: "", reply: { kind: "json", value: {} } };
  }
  const last = contents[contents.length - 1];
  const response = (last?.parts ?? []).find((p) => p.functionResponse)?.functionResponse;
  if (response) {
    const r = response as { name?: string; response?: Record<string, unknown> };
    const out = r.response ?? {};
    // A shell result reads `<untrusted_context>\nOutput: …\nProcess Group PGID: …`: the output is what counts.
    const raw =
      typeof out.output === "string" ? out.output : typeof out.error === "string" ? out.error : JSON.stringify(out);
    const text =
      /\nOutput: ([\s\S]*?)(\n(Process Group PGID|Exit Code|Error):|\n<\/untrusted_context>|$)/.exec(raw)?.[1] ?? raw;
    return {
      directive: "TOOL_RESULT",
      userText: "",
      toolResponse: response,
      reply: { kind: "text", text: `TOOL_RESULT: ${text.trim().slice(0, 200) || "(no output)"}` },
    };
  }
  const users = contents
    .filter((c) => c.role === "user")
    .map(textOf)
    .filter((t) => t);
  const text = users[users.length - 1] ?? "";
  const { verb, arg, argAndMore } = directiveOf(text);
  const r = (directive: string, reply: Reply) => ({ directive, userText: text, reply });
  switch (verb) {
    case "SAY":
      return r(verb, { kind: "text", text: argAndMore || "ok" });
    case "RUN_BASH":
      return r(verb, {
        kind: "call",
        name: "run_shell_command",
        args: { command: argAndMore, description: `The test asks to run ${arg}` },
      });
    case "ASK": {
      // ASK question? | option one | option two
      const [q, ...opts] = argAndMore.split("|").map((s) => s.trim());
      return r(verb, {
        kind: "call",
        name: "ask_user",
        args: {
          questions: [
            {
              question: q || "Which one?",
              header: "Pick",
              type: "choice",
              options: (opts.length ? opts : ["Red", "Blue"]).map((label) => ({
                label,
                description: `Choose ${label}`,
              })),
            },
          ],
        },
      });
    }
    case "SLOW": {
      const secsText = arg.split(" ")[0] ?? "";
      const secs = Number(secsText);
      const rest = argAndMore.slice(secsText.length).trim();
      return r(verb, { kind: "text", text: rest || "slow reply", slowSecs: secs > 0 ? secs : 5 });
    }
    case "FAIL": {
      const status = Number(arg.split(" ")[0]) || 400;
      return r(verb, { kind: "fail", status, message: arg.split(" ").slice(1).join(" ") || `mock error ${status}` });
    }
    default:
      // Anything else (a deny reason sent as a follow-up, a plain question) is echoed, so tests see what arrived.
      return r("DEFAULT", { kind: "text", text: `You said: ${text.replace(/\s+/g, " ").trim().slice(0, 200)}` });
  }
}

const sleep = (ms: number) => new Promise((res) => setTimeout(res, ms));
const USAGE = { promptTokenCount: 10, candidatesTokenCount: 5, totalTokenCount: 15 };

function chunk(parts: Part[], finish?: string): string {
  const c: Record<string, unknown> = { content: { role: "model", parts }, index: 0 };
  if (finish) c.finishReason = finish;
  return `data: ${JSON.stringify({ candidates: [c], usageMetadata: USAGE, modelVersion: "mock-model" })}\r\n\r\n`;
}

async function stream(res: ServerResponse, reply: Reply): Promise<void> {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  if (reply.kind === "call") {
    res.write(chunk([{ functionCall: { name: reply.name, args: reply.args } }], "STOP"));
  } else if (reply.kind === "text") {
    // Four ticks a second when slow, so the turn visibly runs for that long.
    const ticks = reply.slowSecs ? Math.max(1, Math.round(reply.slowSecs * 4)) : 1;
    const t = reply.text;
    for (let i = 0; i < ticks; i++) {
      if (res.destroyed) return; // interrupted: the CLI hung up
      const piece = t.slice(Math.floor((i * t.length) / ticks), Math.floor(((i + 1) * t.length) / ticks));
      const lastTick = i === ticks - 1;
      if (piece || lastTick) res.write(chunk([{ text: piece }], lastTick ? "STOP" : undefined));
      if (reply.slowSecs) await sleep(250);
    }
  }
  res.end();
}

export async function startMockGemini(opts: { port?: number } = {}): Promise<MockGemini> {
  const requests: GeminiRequest[] = [];
  const server = createServer(
    withJsonBody((req, res, body) => {
      const path = req.url ?? "";
      const record: GeminiRequest = {
        method: req.method ?? "",
        path,
        body,
        directive: "404",
        userText: "",
        at: Date.now(),
      };
      requests.push(record);
      const m = /^\/v1(beta|alpha)?\/models\/[^/:]+:(generateContent|streamGenerateContent)/.exec(path);
      if (req.method !== "POST" || !m) {
        res.writeHead(404, { "content-type": "application/json" });
        res.end(
          JSON.stringify({
            error: { code: 404, message: `mock: no route for ${req.method} ${path}`, status: "NOT_FOUND" },
          }),
        );
        return;
      }
      const { directive, userText, reply, toolResponse } = decide(path, body);
      record.directive = directive;
      record.userText = userText;
      if (toolResponse !== undefined) record.toolResponse = toolResponse;
      if (reply.kind === "fail") {
        const status =
          reply.status === 429 ? "RESOURCE_EXHAUSTED" : reply.status >= 500 ? "INTERNAL" : "INVALID_ARGUMENT";
        res.writeHead(reply.status, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { code: reply.status, message: reply.message, status } }));
        return;
      }
      if (reply.kind === "json") {
        const text = JSON.stringify(reply.value);
        res.writeHead(200, { "content-type": "application/json" });
        res.end(
          JSON.stringify({
            candidates: [{ content: { role: "model", parts: [{ text }] }, finishReason: "STOP", index: 0 }],
            usageMetadata: USAGE,
            modelVersion: "mock-model",
          }),
        );
        return;
      }
      stream(res, reply).catch(() => res.destroy());
    }),
  );
  const { url, port, close } = await listenLocal(server, opts.port);
  return {
    url,
    port,
    requests,
    prompts: () =>
      requests.filter((r) => !["ROUTER", "JSON", "TOOL_RESULT", "404"].includes(r.directive)).map((r) => r.userText),
    close,
  };
}
