// Sends chat messages to a running host gateway on 127.0.0.1 the way its own web chat does (`chat.send` over
// the gateway's WebSocket, through the host's own GatewayClient) and reports what came back, one message at a
// time. Run with the host's Node:   node gateway-chat.mjs '<json spec>'
//   spec: { client: "<path of the host module exporting GatewayClient>", url, token, timeoutMs }
// It stays connected and takes batches on stdin, one JSON line each (["/wm status", …]), and answers each batch
// with one JSON line: [{ message, state, text, agentRan }, …]; it ends when stdin closes. One process per
// gateway (test/host/gateway.ts): loading the host's client bundle costs a Node process 2 to 4 s of CPU, which a
// process per chat paid again for each of a suite's twenty chats. `agentRan` says whether the host started an
// agent (model) run for that message (OpenClaw emits `agent` events for it; clawdbot 2026.1.24 did not in our
// runs, so only OpenClaw tests rely on it): a reply given by a plugin command or `before_dispatch` has none.
// Kept host-neutral: clawdbot 2026.1.24-3 exports `GatewayClient` by name, OpenClaw 2026.9.6 as `t`.
import { createInterface } from "node:readline";

const spec = JSON.parse(process.argv[2] ?? "{}");
const mod = await import(spec.client);
const GatewayClient = mod.GatewayClient ?? mod.t;
if (typeof GatewayClient !== "function") throw new Error(`no GatewayClient in ${spec.client}`);

let current; // { runId, message, agentRan, done }
let sent = 0; // every message's run id (and idempotency key) is new for the process's whole life
let connected = false;

const client = new GatewayClient({
  url: spec.url,
  token: spec.token,
  onHelloOk: () => {
    if (connected) return;
    connected = true;
    void serve();
  },
  onEvent: (evt) => {
    const p = evt.payload ?? {};
    if (!current || p.runId !== current.runId) return;
    if (evt.event === "agent") current.agentRan = true;
    if (evt.event === "chat" && (p.state === "final" || p.state === "error")) {
      const text = (p.message?.content ?? []).map((c) => c.text ?? "").join("") || p.errorMessage || "";
      current.done({ state: p.state, text });
    }
  },
  onConnectError: (e) => fail(`cannot connect to ${spec.url}: ${e?.message ?? e}`),
});

function fail(why) {
  console.log(JSON.stringify({ error: why }));
  process.exit(1);
}

async function send(message) {
  const runId = `wm-test-${process.pid}-${sent++}`;
  const reply = await new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ state: "timeout", text: "" }), spec.timeoutMs ?? 30_000);
    const done = (r) => {
      clearTimeout(timer);
      resolve(r);
    };
    current = { runId, message, agentRan: false, done };
    client
      .request("chat.send", { sessionKey: "main", message, idempotencyKey: runId })
      .catch((e) => current.done({ state: "rejected", text: String(e?.message ?? e) }));
  });
  return { message, ...reply, agentRan: current.agentRan };
}

/** One batch at a time, in order: a batch's messages one after the other, as a person types them. */
async function serve() {
  console.log(JSON.stringify({ ready: true }));
  for await (const line of createInterface({ input: process.stdin })) {
    if (!line.trim()) continue;
    const results = [];
    for (const message of JSON.parse(line)) results.push(await send(message));
    console.log(JSON.stringify(results));
  }
  client.stop();
  process.exit(0);
}

client.start();
