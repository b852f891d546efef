// A scriptable stand-in for the Anthropic Messages API, so the real Claude Code CLI can be driven into
// any screen state offline. The "model" obeys a one-line directive found in the last user text it
// receives (see `decide`). Listens on 127.0.0.1 only; refuses proxy CONNECTs so nothing leaves the box.
//
// Written to run both under vitest and under plain Node 24 type stripping (scripts/record-screens.ts):
// no enums, namespaces or parameter properties here.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { directiveOf, listenLocal, modelOf, sseEvent, withJsonBody } from "./mock-server.ts";

export interface RecordedRequest {
  method: string;
  /** Path as requested (`/v1/messages?beta=true`), or the CONNECT target (`github.com:443`). */
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON body (null when the body was empty or not JSON). */
  body: unknown;
  /** The model the request asked for (the body's `model`), or null. */
  model: string | null;
  /** What the mock decided to do with it (`SAY`, `RUN_BASH`, `TOOL_RESULT`, `CONNECT`, `404`…). */
  directive: string;
  at: number;
  /** When the mock finished answering it (the response ended or the socket closed); unset while in flight. */
  doneAt?: number;
}

export interface MockAnthropic {
  url: string;
  port: number;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export interface MockOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** The token counts every response reports (default 12 in, 7 out, no cache): usage tests know what to expect. */
  usage?: MockUsage;
}

export interface MockUsage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
}

// ---------------------------------------------------------------------------------------------
// The reply the "model" gives: text, a tool call, an HTTP error, or a dropped connection.

type Reply =
  | { kind: "text"; text: string; slowSecs?: number }
  | { kind: "tool"; name: string; input: Record<string, unknown> }
  | { kind: "fail"; status: number; message: string }
  | { kind: "drop" };

interface Block {
  type: string;
  text?: string;
  content?: unknown;
}
interface Message {
  role: string;
  content: string | Block[];
}

const ERROR_TYPES: Record<number, [string, string]> = {
  400: ["invalid_request_error", "mock: bad request"],
  401: ["authentication_error", "invalid x-api-key"],
  403: ["permission_error", "mock: your API key does not have permission to use the specified resource"],
  404: ["not_found_error", "mock: not found"],
  429: ["rate_limit_error", "mock: rate limit exceeded"],
  500: ["api_error", "Internal server error"],
  529: ["overloaded_error", "Overloaded"],
};

/** Text of a tool_result block: a string, or text blocks joined. */
function toolResultText(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) {
    return content.map((b: Block) => (b && b.type === "text" && typeof b.text === "string" ? b.text : "")).join("\n");
  }
  return "";
}

/**
 * Reads the request the way a scripted test wants: a tool_result in the last user message means the tool
 * came back (answer with what it returned); otherwise the first line of the last user text block is the
 * directive. The CLI merges user turns and adds `<system-reminder>` blocks, so those are skipped.
 */
export function decide(body: unknown): { directive: string; reply: Reply } {
  const messages = ((body as { messages?: Message[] } | null)?.messages ?? []).filter((m) => m.role === "user");
  const last = messages[messages.length - 1];
  const blocks: Block[] = !last
    ? []
    : typeof last.content === "string"
      ? [{ type: "text", text: last.content }]
      : last.content;
  // After a rejected tool call the CLI sends the tool_result and the user's next prompt in one message,
  // so a tool_result only counts as "the tool came back" when no user text follows it.
  const resultAt = blocks.map((b) => b.type).lastIndexOf("tool_result");
  const texts = blocks
    .slice(resultAt + 1)
    .filter((b) => b.type === "text" && typeof b.text === "string")
    .map((b) => (b.text as string).trim())
    .filter((t) => t !== "" && !t.startsWith("<system-reminder>") && !t.startsWith("[Request interrupted"));
  const result = blocks[resultAt];
  if (result && texts.length === 0) {
    const text = toolResultText(result.content).slice(0, 200);
    return { directive: "TOOL_RESULT", reply: { kind: "text", text: `TOOL_RESULT: ${text}` } };
  }
  const text = texts[texts.length - 1] ?? "";
  // Directives that carry free text keep any following lines too (SAY over several lines, a file body).
  const { verb, arg, argAndMore } = directiveOf(text);
  const tool = (name: string, input: Record<string, unknown>) => ({
    directive: verb,
    reply: { kind: "tool", name, input } as Reply,
  });

  switch (verb) {
    case "SAY":
      return { directive: verb, reply: { kind: "text", text: argAndMore || "ok" } };
    case "RUN_BASH":
      return tool("Bash", { command: argAndMore, description: "Run a command for the test" });
    case "WRITE_FILE": {
      const [path = "", ...rest] = argAndMore.split(" ");
      return tool("Write", { file_path: path, content: rest.join(" ") });
    }
    case "EDIT_FILE": {
      const [path = "", ...rest] = arg.split(" ");
      const [oldString = "", newString = ""] = rest.join(" ").split(" => ");
      return tool("Edit", { file_path: path, old_string: oldString, new_string: newString });
    }
    case "READ":
      return tool("Read", { file_path: arg });
    case "ASK": {
      const parsed = JSON.parse(argAndMore) as unknown;
      // Accept the whole input or just the questions array.
      return tool(
        "AskUserQuestion",
        Array.isArray(parsed) ? { questions: parsed } : (parsed as Record<string, unknown>),
      );
    }
    case "PLAN_EXIT":
      return tool("ExitPlanMode", { plan: argAndMore || "1. Do the thing" });
    case "FETCH":
      return tool("WebFetch", { url: arg, prompt: "Summarise the page" });
    case "SLOW": {
      const secsText = arg.split(" ")[0] ?? "";
      const secs = Number(secsText);
      const rest = argAndMore.slice(secsText.length).trim();
      return { directive: verb, reply: { kind: "text", text: rest || "slow reply", slowSecs: secs > 0 ? secs : 5 } };
    }
    case "FAIL": {
      const status = Number(arg.split(" ")[0]) || 500;
      const message = arg.split(" ").slice(1).join(" ") || ERROR_TYPES[status]?.[1] || "mock error";
      return { directive: verb, reply: { kind: "fail", status, message } };
    }
    case "DROP":
      return { directive: verb, reply: { kind: "drop" } };
    default:
      return { directive: "DEFAULT", reply: { kind: "text", text: "ok" } };
  }
}

// ---------------------------------------------------------------------------------------------
// Wire formats.

let toolCounter = 0;
const newId = (prefix: string) => `${prefix}_mock${Date.now().toString(36)}${randomBytes(6).toString("hex")}`;

function contentOf(reply: Reply): Record<string, unknown>[] {
  if (reply.kind === "text") return [{ type: "text", text: reply.text }];
  if (reply.kind === "tool") {
    toolCounter += 1;
    return [{ type: "tool_use", id: `${newId("toolu")}${toolCounter}`, name: reply.name, input: reply.input }];
  }
  return [];
}

const DEFAULT_USAGE: MockUsage = {
  input_tokens: 12,
  output_tokens: 7,
  cache_creation_input_tokens: 0,
  cache_read_input_tokens: 0,
};

const sse = sseEvent;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Streams one message as Anthropic SSE; text is trickled over `slowSecs` when asked. */
async function stream(res: ServerResponse, model: string, reply: Reply, usage: MockUsage): Promise<void> {
  const content = contentOf(reply);
  const stopReason = reply.kind === "tool" ? "tool_use" : "end_turn";
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", "request-id": newId("req") });
  sse(res, "message_start", {
    type: "message_start",
    message: {
      id: newId("msg"),
      type: "message",
      role: "assistant",
      model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage,
    },
  });
  for (const [index, block] of content.entries()) {
    if (block.type === "tool_use") {
      sse(res, "content_block_start", { type: "content_block_start", index, content_block: { ...block, input: {} } });
      sse(res, "content_block_delta", {
        type: "content_block_delta",
        index,
        delta: { type: "input_json_delta", partial_json: JSON.stringify(block.input) },
      });
    } else {
      const text = String(block.text);
      sse(res, "content_block_start", {
        type: "content_block_start",
        index,
        content_block: { type: "text", text: "" },
      });
      const slow = reply.kind === "text" ? reply.slowSecs : undefined;
      // Four ticks a second; ticks with no new text send a ping so the connection stays visibly alive.
      const ticks = slow ? Math.max(1, Math.round(slow * 4)) : 1;
      for (let i = 0; i < ticks; i++) {
        if (res.destroyed) return; // the user pressed Esc: the CLI hung up
        const piece = text.slice(Math.floor((i * text.length) / ticks), Math.floor(((i + 1) * text.length) / ticks));
        if (piece)
          sse(res, "content_block_delta", {
            type: "content_block_delta",
            index,
            delta: { type: "text_delta", text: piece },
          });
        else sse(res, "ping", { type: "ping" });
        if (slow) await sleep(250);
      }
    }
    sse(res, "content_block_stop", { type: "content_block_stop", index });
  }
  sse(res, "message_delta", {
    type: "message_delta",
    delta: { stop_reason: stopReason, stop_sequence: null },
    usage: { output_tokens: usage.output_tokens },
  });
  sse(res, "message_stop", { type: "message_stop" });
  res.end();
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json", "request-id": newId("req") });
  res.end(JSON.stringify(body));
}

function errorBody(status: number, message: string) {
  return { type: "error", error: { type: ERROR_TYPES[status]?.[0] ?? "api_error", message } };
}

// ---------------------------------------------------------------------------------------------
// The server.

export async function startMockAnthropic(opts: MockOptions = {}): Promise<MockAnthropic> {
  const requests: RecordedRequest[] = [];
  const usage = opts.usage ?? DEFAULT_USAGE;

  const server = createServer(
    withJsonBody((req, res, body) => {
      const record: RecordedRequest = {
        method: req.method ?? "",
        path: req.url ?? "",
        headers: req.headers,
        body,
        model: modelOf(body),
        directive: "404",
        at: Date.now(),
      };
      requests.push(record);
      res.on("close", () => {
        record.doneAt = Date.now();
      });
      // Plain-HTTP proxy requests carry an absolute URL; only our own /v1/messages is served.
      const pathname = (req.url ?? "").startsWith("/") ? (req.url ?? "").split("?")[0] : "";
      if (req.method !== "POST" || pathname !== "/v1/messages") {
        sendJson(res, 404, errorBody(404, `mock: no route for ${req.method} ${req.url}`));
        return;
      }
      const { directive, reply } = decide(body);
      record.directive = directive;
      const model = String((body as { model?: string } | null)?.model ?? "claude-mock");
      if (reply.kind === "drop") {
        req.socket.destroy();
        return;
      }
      if (reply.kind === "fail") {
        sendJson(res, reply.status, errorBody(reply.status, reply.message));
        return;
      }
      if ((body as { stream?: boolean } | null)?.stream === true) {
        stream(res, model, reply, usage).catch(() => res.destroy());
        return;
      }
      // Non-streaming (the CLI's last resort after a broken stream): the whole message at once.
      sendJson(res, 200, {
        id: newId("msg"),
        type: "message",
        role: "assistant",
        model,
        content: contentOf(reply),
        stop_reason: reply.kind === "tool" ? "tool_use" : "end_turn",
        stop_sequence: null,
        usage,
      });
    }),
  );

  // HTTPS_PROXY points here too: the CLI's CONNECTs (plugin marketplace, downloads) are refused.
  server.on("connect", (req: IncomingMessage, socket: Socket) => {
    requests.push({
      method: "CONNECT",
      path: req.url ?? "",
      headers: req.headers,
      body: null,
      model: null,
      directive: "CONNECT",
      at: Date.now(),
    });
    socket.on("error", () => {});
    socket.end("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
  });

  const { url, port, close } = await listenLocal(server, opts.port);
  return {
    url,
    port,
    requests,
    close,
  };
}
