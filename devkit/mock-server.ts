// What the model API mocks (mock-anthropic.ts, mock-openai.ts, mock-gemini.ts) do alike around their own
// routes and replies: read a request's JSON body whole, write a server-sent event, and listen on 127.0.0.1
// only, on a port of their own, closing every open connection when the test is done (a CLI keeps its
// streaming connection open, so a plain server.close() would wait for it).
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/**
 * A request handler that first reads the body whole: `handle` gets it parsed as JSON, or null when it is
 * empty or not JSON (a mock records what came, and answers by route).
 */
export function withJsonBody(
  handle: (req: IncomingMessage, res: ServerResponse, body: unknown) => void,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      let body: unknown = null;
      try {
        body = raw ? JSON.parse(raw) : null;
      } catch {
        body = null;
      }
      handle(req, res, body);
    });
  };
}

/** One server-sent event: its name and its data as JSON. */
export function sseEvent(res: ServerResponse, event: string, data: unknown): void {
  res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

/**
 * The directive a test's prompt starts with (the mocks' script: `SAY hi`, `RUN_BASH touch x`, …): its verb,
 * its argument on the first line, and that argument with any following lines (free text: a SAY over several
 * lines, a file body).
 */
export function directiveOf(text: string): { verb: string; arg: string; argAndMore: string } {
  const nl = text.indexOf("\n");
  const first = (nl < 0 ? text : text.slice(0, nl)).trim();
  const more = nl < 0 ? "" : text.slice(nl + 1);
  const space = first.indexOf(" ");
  const verb = space < 0 ? first : first.slice(0, space);
  const arg = space < 0 ? "" : first.slice(space + 1).trim();
  return { verb, arg, argAndMore: more ? `${arg}\n${more}` : arg };
}

/** The `model` a request body names, or null. */
export function modelOf(body: unknown): string | null {
  const m = (body as { model?: unknown } | null)?.model;
  return typeof m === "string" ? m : null;
}

/** Listen on 127.0.0.1 (`port`, or one the system picks); `close` ends open connections, then the server. */
export async function listenLocal(
  server: Server,
  port = 0,
): Promise<{ url: string; port: number; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  server.on("connection", (s: Socket) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${bound}`,
    port: bound,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
