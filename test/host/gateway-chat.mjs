// Sends chat messages to a running host gateway on 127.0.0.1 the way its own web chat does (`chat.send` over
// the gateway's WebSocket, through the host's own GatewayClient) and reports what came back, one message at a
// time. Run with the host's Node:   node gateway-chat.mjs '<json spec>'
//   spec: { client: "<path of the host module exporting GatewayClient>", url, token, messages: ["/wm status", …] }
// Prints one JSON line: [{ message, state, text, agentRan }, …]. `agentRan` says whether the host started an
// agent (model) run for that message (OpenClaw emits `agent` events for it; clawdbot 2026.1.24 did not in our
// runs, so only OpenClaw tests rely on it): a reply given by a plugin command or `before_dispatch` has none.
// Kept host-neutral: clawdbot 2026.1.24-3 exports `GatewayClient` by name, OpenClaw 2026.9.6 as `t`.
const spec = JSON.parse(process.argv[2] ?? "{}");
const mod = await import(spec.client);
const GatewayClient = mod.GatewayClient ?? mod.t;
if (typeof GatewayClient !== "function") throw new Error(`no GatewayClient in ${spec.client}`);

const results = [];
let current; // { runId, message, agentRan, done }

const client = new GatewayClient({
  url: spec.url,
  token: spec.token,
  onHelloOk: () => {
    void sendAll();
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
  console.log(JSON.stringify({ error: why, results }));
  process.exit(1);
}

async function sendAll() {
  for (const [i, message] of spec.messages.entries()) {
    const runId = `wm-test-${process.pid}-${i}`;
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
    results.push({ message, ...reply, agentRan: current.agentRan });
  }
  console.log(JSON.stringify(results));
  client.stop();
  process.exit(0);
}

client.start();
