// The host's own assistant, scripted: OpenClaw's model config pointing at a small Anthropic Messages API on
// 127.0.0.1 that calls one of Wingman's tools when a user turn says `WM_TOOL <name> <json>`. With it the tool
// door is tested as the host runs it (OpenClaw builds the tools, calls them, hands the results back).
// Used by openclaw.suite.ts and openclaw-telegram.suite.ts.
import { readdirSync, readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";

/** The module of OpenClaw's bundle that exports its GatewayClient (a chunk with a hashed name). */
export function gatewayClientModule(pkg: string): string {
  const dist = join(pkg, "dist");
  const chunk = readdirSync(dist).find(
    (f) => /^client-.*\.mjs$/.test(f) && readFileSync(join(dist, f), "utf8").includes("GatewayClient as t }"),
  );
  if (!chunk) throw new Error(`no GatewayClient module found in ${dist}`);
  return join(dist, chunk);
}

/** OpenClaw config for its assistant's model: a custom provider speaking the Anthropic Messages API at `url`. */
export function assistantModel(url: string) {
  const mock = {
    id: "claude-mock",
    name: "Mock",
    reasoning: false,
    input: ["text"],
    cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 },
    contextWindow: 200000,
    maxTokens: 4096,
  };
  return {
    models: {
      mode: "merge",
      providers: { wmock: { baseUrl: url, apiKey: "wm-test-key", api: "anthropic-messages", models: [mock] } },
    },
    agents: { defaults: { model: { primary: "wmock/claude-mock" } } },
  };
}

export interface ModelRequest {
  body: unknown;
  /** The tool this request was answered with a call to, if any. */
  toolUse?: string;
  /** Texts of the tool_result blocks in the request's last user turn. */
  toolResults: string[];
}

export interface ToolModel {
  url: string;
  requests: ModelRequest[];
  close(): Promise<void>;
}

/**
 * A scripted Anthropic Messages API for the host's own assistant: a user turn holding `WM_TOOL <name> <json>`
 * is answered with that tool call; a turn that brings tool results back is answered with text quoting them;
 * anything else with "ok". Streams (SSE) or not, as asked. 127.0.0.1 only.
 */
export async function startToolModel(): Promise<ToolModel> {
  const requests: ModelRequest[] = [];
  type Block = { type: string; text?: string; content?: unknown };
  const textOf = (c: unknown): string =>
    typeof c === "string"
      ? c
      : Array.isArray(c)
        ? (c as Block[]).map((b) => (b.type === "text" ? (b.text ?? "") : "")).join("\n")
        : "";
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      let body: { messages?: Array<{ role: string; content: string | Block[] }>; stream?: boolean; model?: string } =
        {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      } catch {}
      if (req.method !== "POST" || !/\/messages(\?|$)/.test(req.url ?? "")) {
        res
          .writeHead(404, { "content-type": "application/json" })
          .end(JSON.stringify({ type: "error", error: { type: "not_found_error", message: "mock" } }));
        return;
      }
      // The turn since the assistant last spoke: the user's message, and the host's own context blocks after it.
      const messages = body.messages ?? [];
      const since = messages
        .slice(messages.map((m) => m.role).lastIndexOf("assistant") + 1)
        .filter((m) => m.role === "user");
      const blocks: Block[] = since.flatMap((m) =>
        typeof m.content === "string" ? [{ type: "text", text: m.content }] : m.content,
      );
      const toolResults = blocks.filter((b) => b.type === "tool_result").map((b) => textOf(b.content));
      const record: ModelRequest = { body, toolResults };
      requests.push(record);
      let content: Array<Record<string, unknown>>;
      const m = toolResults.length
        ? null
        : /WM_TOOL (\w+) (\{.*\})/.exec(blocks.map((b) => textOf(b.type === "text" ? [b] : [])).join("\n"));
      if (m) {
        record.toolUse = m[1];
        const input = JSON.parse(m[2]!) as Record<string, unknown>;
        // OpenClaw's default Tool Search surface offers plugin tools through `tool_call` (tools.toolSearch unset):
        // call them as a model would there, or directly when the host offers the tool itself.
        const offered = ((body as { tools?: Array<{ name: string }> }).tools ?? []).map((t) => t.name);
        content =
          offered.includes(m[1]!) || !offered.includes("tool_call")
            ? [{ type: "tool_use", id: `toolu_wm${requests.length}`, name: m[1], input }]
            : [
                {
                  type: "tool_use",
                  id: `toolu_wm${requests.length}`,
                  name: "tool_call",
                  input: { id: m[1], args: input },
                },
              ];
      } else {
        content = [
          { type: "text", text: toolResults.length ? `TOOL_RESULT: ${toolResults.join(" | ").slice(0, 500)}` : "ok" },
        ];
      }
      const stop = m ? "tool_use" : "end_turn";
      const usage = { input_tokens: 10, output_tokens: 5 };
      const message = {
        id: `msg_wm${requests.length}`,
        type: "message",
        role: "assistant",
        model: body.model ?? "claude-mock",
        stop_sequence: null,
        usage,
      };
      if (body.stream !== true) {
        res
          .writeHead(200, { "content-type": "application/json" })
          .end(JSON.stringify({ ...message, content, stop_reason: stop }));
        return;
      }
      res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
      const sse = (event: string, data: unknown) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      sse("message_start", { type: "message_start", message: { ...message, content: [], stop_reason: null } });
      for (const [index, b] of content.entries()) {
        if (b.type === "tool_use") {
          sse("content_block_start", { type: "content_block_start", index, content_block: { ...b, input: {} } });
          sse("content_block_delta", {
            type: "content_block_delta",
            index,
            delta: { type: "input_json_delta", partial_json: JSON.stringify(b.input) },
          });
        } else {
          sse("content_block_start", { type: "content_block_start", index, content_block: { type: "text", text: "" } });
          sse("content_block_delta", {
            type: "content_block_delta",
            index,
            delta: { type: "text_delta", text: b.text },
          });
        }
        sse("content_block_stop", { type: "content_block_stop", index });
      }
      sse("message_delta", {
        type: "message_delta",
        delta: { stop_reason: stop, stop_sequence: null },
        usage: { output_tokens: 5 },
      });
      sse("message_stop", { type: "message_stop" });
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
