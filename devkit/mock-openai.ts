// A scriptable stand-in for the OpenAI Responses API (`POST /v1/responses`, SSE), so the real Codex CLI
// and OpenCode (through its `openai` provider) can be driven into any screen state offline. The "model" obeys a one-line directive found in the last
// user message it receives (see `decide`). Listens on 127.0.0.1 only. Protocol facts: docs/codex.md.
//
// Written to run both under vitest and under plain Node 24 type stripping (scripts/record-codex-screens.ts):
// no enums, namespaces or parameter properties here.
import { randomBytes } from "node:crypto";
import { createServer, type ServerResponse } from "node:http";
import { directiveOf, listenLocal, modelOf, sseEvent, withJsonBody } from "./mock-server.ts";

export interface OpenAIRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON body (null when empty or not JSON). */
  body: unknown;
  /** The model the request asked for (the body's `model`), or null. */
  model: string | null;
  /** What the mock did: `SAY`, `RUN_BASH`, `TOOL_RESULT`, `TITLE`, `FAIL`, `DEFAULT`, `404`… */
  directive: string;
  /** The user text the directive was read from (empty for tool results and titles). */
  userText: string;
  at: number;
}

export interface MockOpenAI {
  url: string;
  port: number;
  requests: OpenAIRequest[];
  /** The user texts the model received as prompts (not titles, not tool results), in order. */
  prompts(): string[];
  close(): Promise<void>;
}

/**
 * How a client names its shell tool and its arguments. Codex: `exec_command` with `cmd` (and an escalation
 * so that `-a on-request` asks); OpenCode: `bash` with `command` and `description` (its permission config
 * decides whether it asks).
 */
export type ShellDialect = "codex" | "opencode";

type Reply =
  | { kind: "text"; text: string; slowSecs?: number }
  | { kind: "tool"; args: Record<string, unknown> }
  | { kind: "fail"; status: number; message: string };

interface Item {
  type?: string;
  role?: string;
  content?: string | Array<{ type?: string; text?: string }>;
  output?: unknown;
}

/** Codex's own user-role items (context, instructions, an aborted turn's note): not the person's prompt. */
const CONTEXT_ITEM =
  /^<(environment_context|user_instructions|turn_aborted|permissions instructions|user_shell_command)[\s>]|^# AGENTS\.md/;

function itemText(item: Item): string {
  if (typeof item.content === "string") return item.content;
  return (item.content ?? []).map((c) => (typeof c.text === "string" ? c.text : "")).join("");
}

/**
 * The title side request. Codex: no tools and a JSON schema named codex_output_schema for `{title}`.
 * OpenCode: a developer message that starts "You are a title generator", no tools.
 */
function isTitleRequest(body: Record<string, unknown>, input: Item[]): boolean {
  const text = body.text as { format?: { name?: string } } | undefined;
  if (Array.isArray(body.tools) && body.tools.length === 0 && text?.format?.name === "codex_output_schema") return true;
  const first = input[0];
  return first?.role === "developer" && itemText(first).startsWith("You are a title generator");
}

/** A user message: Codex sends `type: "message"`, OpenCode's SDK leaves `type` out. */
const isUserMessage = (i: Item) => (i.type === "message" || i.type === undefined) && i.role === "user";

/**
 * Reads the request the way a scripted test wants: a function_call_output as the last input item means the
 * tool came back (answer with what it returned); otherwise the first line of the last user message is the
 * directive, and the following lines belong to it (SAY over several lines).
 */
export function decide(
  body: unknown,
  dialect: ShellDialect = "codex",
): { directive: string; userText: string; reply: Reply } {
  const b = (body ?? {}) as Record<string, unknown>;
  const input = (Array.isArray(b.input) ? b.input : []) as Item[];
  if (isTitleRequest(b, input))
    return {
      directive: "TITLE",
      userText: "",
      reply: { kind: "text", text: dialect === "codex" ? '{"title":"Mock task"}' : "Mock task" },
    };
  const last = input[input.length - 1];
  if (last?.type === "function_call_output") {
    const out = typeof last.output === "string" ? last.output : JSON.stringify(last.output);
    const tail = out.includes("Output:\n") ? out.slice(out.indexOf("Output:\n") + 8) : out;
    return {
      directive: "TOOL_RESULT",
      userText: "",
      reply: { kind: "text", text: `TOOL_RESULT: ${tail.trim().slice(0, 200) || "(no output)"}` },
    };
  }
  const users = input
    .filter(isUserMessage)
    .map(itemText)
    .filter((t) => !CONTEXT_ITEM.test(t.trim()));
  const text = users[users.length - 1] ?? "";
  const { verb, arg, argAndMore } = directiveOf(text);
  const r = (directive: string, reply: Reply) => ({ directive, userText: text, reply });
  switch (verb) {
    case "SAY":
      return r(verb, { kind: "text", text: argAndMore || "ok" });
    case "RUN_BASH":
      // Only an escalated call makes Codex ask under `-a on-request` (docs/codex.md, "What makes Codex ask").
      if (dialect === "opencode")
        return r(verb, { kind: "tool", args: { command: argAndMore, description: `The test asks to run ${arg}` } });
      return r(verb, {
        kind: "tool",
        args: {
          cmd: argAndMore,
          sandbox_permissions: "require_escalated",
          justification: `The test asks to run ${arg}`,
        },
      });
    case "RUN":
      return r(verb, {
        kind: "tool",
        args: dialect === "opencode" ? { command: argAndMore, description: "run" } : { cmd: argAndMore },
      });
    case "SLOW": {
      const secsText = arg.split(" ")[0] ?? "";
      const secs = Number(secsText);
      const rest = argAndMore.slice(secsText.length).trim();
      return r(verb, { kind: "text", text: rest || "slow reply", slowSecs: secs > 0 ? secs : 5 });
    }
    case "FAIL": {
      const status = Number(arg.split(" ")[0]) || 500;
      return r(verb, { kind: "fail", status, message: arg.split(" ").slice(1).join(" ") || `mock error ${status}` });
    }
    default:
      // Anything else (a deny reason sent as a follow-up, a plain question) is echoed, so tests see what arrived.
      return r("DEFAULT", { kind: "text", text: `You said: ${text.replace(/\s+/g, " ").trim().slice(0, 200)}` });
  }
}

/** The error's `type` as OpenAI sends it: a client's mistake (4xx but 429) is not worth a retry. */
function errorType(status: number): string {
  if (status === 429) return "rate_limit_exceeded";
  if (status >= 400 && status < 500) return "invalid_request_error";
  return "server_error";
}

const newId = (prefix: string) => `${prefix}_${randomBytes(6).toString("hex")}`;
const sleep = (ms: number) => new Promise((res) => setTimeout(res, ms));

function sse(res: ServerResponse, data: { type: string } & Record<string, unknown>): void {
  sseEvent(res, data.type, data);
}

/** What every response reports (`response.completed`'s usage); tests of usage pass their own counts. */
export interface MockOpenAIUsage {
  input_tokens: number;
  input_tokens_details: { cached_tokens: number } | null;
  output_tokens: number;
  output_tokens_details: { reasoning_tokens: number } | null;
  total_tokens: number;
}

const DEFAULT_USAGE: MockOpenAIUsage = {
  input_tokens: 10,
  input_tokens_details: null,
  output_tokens: 5,
  output_tokens_details: null,
  total_tokens: 15,
};

async function stream(res: ServerResponse, reply: Reply, usage: MockOpenAIUsage, dialect: ShellDialect): Promise<void> {
  const rid = newId("resp");
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  sse(res, { type: "response.created", response: { id: rid } });
  if (reply.kind === "tool") {
    const id = newId("fc");
    const item = {
      type: "function_call",
      id,
      call_id: newId("call"),
      name: dialect === "opencode" ? "bash" : "exec_command",
      arguments: JSON.stringify(reply.args),
    };
    // `status` on both items: OpenCode's SDK drops a function_call item without it (it never runs the call).
    sse(res, {
      type: "response.output_item.added",
      output_index: 0,
      item: { ...item, arguments: "", status: "in_progress" },
    });
    sse(res, { type: "response.function_call_arguments.delta", item_id: id, output_index: 0, delta: item.arguments });
    sse(res, {
      type: "response.function_call_arguments.done",
      item_id: id,
      output_index: 0,
      arguments: item.arguments,
    });
    sse(res, { type: "response.output_item.done", output_index: 0, item: { ...item, status: "completed" } });
  } else if (reply.kind === "text") {
    const id = newId("msg");
    sse(res, {
      type: "response.output_item.added",
      output_index: 0,
      item: { type: "message", role: "assistant", id, status: "in_progress", content: [] },
    });
    // Four ticks a second when slow, so the turn visibly runs for that long.
    const ticks = reply.slowSecs ? Math.max(1, Math.round(reply.slowSecs * 4)) : 1;
    for (let i = 0; i < ticks; i++) {
      if (res.destroyed) return; // interrupted: the CLI hung up
      const t = reply.text;
      const piece = t.slice(Math.floor((i * t.length) / ticks), Math.floor(((i + 1) * t.length) / ticks));
      if (piece)
        sse(res, { type: "response.output_text.delta", item_id: id, output_index: 0, content_index: 0, delta: piece });
      if (reply.slowSecs) await sleep(250);
    }
    sse(res, {
      type: "response.output_item.done",
      output_index: 0,
      item: {
        type: "message",
        role: "assistant",
        id,
        status: "completed",
        content: [{ type: "output_text", text: reply.text, annotations: [] }],
      },
    });
  }
  sse(res, { type: "response.completed", response: { id: rid, usage } });
  res.end();
}

export async function startMockOpenAI(
  opts: { port?: number; usage?: MockOpenAIUsage; dialect?: ShellDialect } = {},
): Promise<MockOpenAI> {
  const dialect = opts.dialect ?? "codex";
  const requests: OpenAIRequest[] = [];
  const server = createServer(
    withJsonBody((req, res, body) => {
      const record: OpenAIRequest = {
        method: req.method ?? "",
        path: req.url ?? "",
        headers: req.headers,
        body,
        model: modelOf(body),
        directive: "404",
        userText: "",
        at: Date.now(),
      };
      requests.push(record);
      const pathname = (req.url ?? "").split("?")[0] ?? "";
      if (req.method !== "POST" || !pathname.endsWith("/responses")) {
        res.writeHead(404, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { message: `mock: no route for ${req.method} ${req.url}` } }));
        return;
      }
      const { directive, userText, reply } = decide(body, dialect);
      record.directive = directive;
      record.userText = userText;
      if (reply.kind === "fail") {
        res.writeHead(reply.status, { "content-type": "application/json" });
        res.end(
          JSON.stringify({
            error: { message: reply.message, type: errorType(reply.status) },
          }),
        );
        return;
      }
      stream(res, reply, opts.usage ?? DEFAULT_USAGE, dialect).catch(() => res.destroy());
    }),
  );
  const { url, port, close } = await listenLocal(server, opts.port);
  return {
    url,
    port,
    requests,
    prompts: () =>
      requests
        .filter((r) => r.directive !== "TITLE" && r.directive !== "TOOL_RESULT" && r.directive !== "404")
        .map((r) => r.userText),
    close,
  };
}
