// Runs INSIDE the real host's Node 22 with the host's own plugin loader and command path (clawdbot
// 2026.1.24-3, docs/host-api.md, "Testing against the real hosts"). Input: a JSON spec in argv[2]. Output: one JSON line of facts
// for test/host/clawdbot.suite.ts to assert. No WhatsApp and no model: only what the plugin does.
const spec = JSON.parse(process.argv[2]);
const dist = `${spec.hostRoot}/node_modules/clawdbot/dist`;
const { loadClawdbotPlugins } = await import(`${dist}/plugins/loader.js`);
const { matchPluginCommand, executePluginCommand } = await import(`${dist}/plugins/commands.js`);
const { resolvePluginTools } = await import(`${dist}/plugins/tools.js`);
const ID = "claude-code-wingman";
const out = {};

function load(pluginConfig) {
  const config = {
    plugins: { load: { paths: [spec.pluginRoot] }, entries: { [ID]: { enabled: true, config: pluginConfig } } },
  };
  const registry = loadClawdbotPlugins({ config, cache: false, workspaceDir: spec.workspace });
  return { config, registry, rec: registry.plugins.find((p) => p.id === ID) };
}

// The tools as the host builds them for one assistant run: its own resolvePluginTools calls each plugin's
// factory with the context agents/clawdbot-tools.js passes (no sender in 2026.1.24: the channel only).
function toolOf(config, name, messageChannel = "webchat") {
  const context = {
    config,
    workspaceDir: spec.workspace,
    agentId: "main",
    sessionKey: "agent:main:main",
    messageChannel,
    sandboxed: false,
  };
  return resolvePluginTools({ context, existingToolNames: new Set() }).find((t) => t.name === name) ?? null;
}

async function command(config, body, auth = true) {
  const m = matchPluginCommand(body);
  if (!m) return null;
  const r = await executePluginCommand({
    command: m.command,
    args: m.args,
    senderId: "+15550001111",
    channel: "whatsapp",
    isAuthorizedSender: auth,
    commandBody: body,
    config,
  });
  return r?.text ?? null;
}

const { config, registry, rec } = load({});
out.status = rec?.status;
out.error = rec?.error ?? null;
out.toolNames = rec?.toolNames ?? [];
out.commands = rec?.commands ?? [];
out.services = rec?.services ?? [];
out.hooks = (registry.typedHooks ?? []).filter((h) => h.pluginId === ID).map((h) => h.hookName);
out.plainApprove = matchPluginCommand("approve vsr 7f3k");
out.help = await command(config, "/wm help");
out.statusEmpty = await command(config, "/wm status");
out.aliasStatus = await command(config, "/wingman status");
out.unauthorized = await command(config, "/wm approve vsr 7f3k", false);
out.badPhrase = await command(config, "/wm aprove vsr");

out.toolRegistrations = registry.tools
  .filter((t) => t.pluginId === ID)
  .map((t) => ({ names: t.names, factory: typeof t.factory }));

// The host gives the tools no sender, so by default (toolAccess "owner") the acting tools refuse and point to
// /wm; reading tools answer. Nothing is started.
const owned = load({});
owned.config.channels = { whatsapp: { allowFrom: ["+15550001111"] } };
const refusedSpawn = toolOf(owned.config, "wingman_spawn", "whatsapp");
out.refusedSpawn = refusedSpawn
  ? await refusedSpawn.execute("call-0", { session: "host-refused", workdir: spec.workdir })
  : null;
const refusedApprove = toolOf(owned.config, "wingman_respond", "whatsapp");
out.refusedApprove = refusedApprove
  ? await refusedApprove.execute("call-0b", { session: "host-refused", action: "approve", id: "7f3k" })
  : null;
const readStatus = toolOf(owned.config, "wingman_status", "whatsapp");
out.readStatus = readStatus ? await readStatus.execute("call-0c", {}) : null;

// With the explicit opt-out (toolAccess "any") the assistant's tool drives a real tmux session (a stand-in
// agent; Claude Code is not the point here).
const anyone = load({ toolAccess: "any" });
const spawn = toolOf(anyone.config, "wingman_spawn");
const status = toolOf(anyone.config, "wingman_status");
const kill = toolOf(anyone.config, "wingman_kill");
out.spawn = spawn ? await spawn.execute("call-1", { session: "host-demo", workdir: spec.workdir }) : null;
out.statusAfter = await command(config, "/wm status");
out.toolStatus = status ? await status.execute("call-2", { session: "host-demo" }) : null;
out.aborted = status ? await status.execute("call-3", {}, AbortSignal.abort()) : null;
out.kill = kill ? await kill.execute("call-4", { session: "host-demo" }) : null;

// An invalid config is refused by the host, with Wingman's schema naming the field.
const bad = load({ reminderSeconds: "soon" });
out.badConfig = { status: bad.rec?.status, error: bad.rec?.error ?? null };

// The notifier against the host's REAL sendMessageWhatsApp, with no WhatsApp linked: the host's error
// must come back to the caller (the monitor keeps the notification and retries), not crash anything.
const plugin = await import(`${spec.pluginRoot}/dist/index.js`);
const { createPluginRuntime } = await import(`${dist}/plugins/runtime/index.js`);
const wcfg = plugin.resolveConfig({});
const w = plugin.createWingman({ config: wcfg });
const notifier = new plugin.WhatsAppNotifier(
  { runtime: createPluginRuntime(), config: { channels: { whatsapp: { allowFrom: ["+15550001111"] } } } },
  wcfg,
  w,
);
try {
  await notifier.send({
    type: "exited",
    session: "host-demo",
    at: new Date().toISOString(),
    text: "⏹ host-demo exited",
  });
  out.notify = "sent";
} catch (e) {
  out.notify = String(e?.message ?? e);
}

process.stdout.write(`${JSON.stringify(out)}\n`);
process.exit(0);
