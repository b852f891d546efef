// The plugin entry the hosts load (Clawdbot 2026.1.x, Moltbot, OpenClaw). Wiring only: register is
// synchronous and starts nothing; the monitor starts in the gateway's service. The core API is also
// exported for scripts and benchmarks.
import { ConfigError, resolveConfig } from "./config.js";
import { claimsPlainText, parseCommand } from "./doors/phrases/grammar.js";
import { Monitor } from "./core/monitor/monitor.js";
import { createWingman, type Wingman, type WingmanCore } from "./core/wingman.js";
import type { HostApi } from "./doors/host/api-types.js";
import { runIntent } from "./doors/phrases/run.js";
import { ButtonPresses, NAMESPACE, telegramKeyboard } from "./doors/host/buttons.js";
import { ChannelNotifier } from "./doors/host/notifier.js";
import { actorFor } from "./doors/host/owners.js";
import { readQuoted } from "./doors/host/quoted.js";
import { SentNotices } from "./doors/host/sent-notices.js";
import { buildTools, TOOL_NAMES, toolCallerFor } from "./doors/host/tools.js";
import { isDirectChat, registerWebRoute } from "./doors/host/web-route.js";
import { describeNotification } from "./format/notify.js";

export { configJsonSchema } from "./doors/host/manifest.js";
export { createWingman, describeNotification, resolveConfig, Monitor };
export { paneTarget } from "./hosts/tmux.js";
export { describeOutcome } from "./format/outcomes.js";
export { TOOL_NAMES } from "./doors/host/tools.js";
export { ChannelNotifier, WhatsAppNotifier } from "./doors/host/notifier.js";
export { startWeb } from "./doors/cli/web-command.js";

export const PLUGIN_ID = "claude-code-wingman";

function register(api: HostApi): void {
  const log = api.logger ?? { info() {}, warn() {}, error() {} };
  let config: ReturnType<typeof resolveConfig>;
  try {
    config = resolveConfig(api.pluginConfig);
  } catch (e) {
    if (e instanceof ConfigError) log.error(e.message);
    throw e;
  }
  // The core is created lazily: register also runs in every CLI process of the host.
  let core: WingmanCore | null = null;
  const wingman = () => {
    core ??= createWingman({ config, hostStateDir: api.runtime?.state?.resolveStateDir?.(), logger: log });
    return core;
  };

  // The notifications sent through channels, by message id (buttons and quoted replies are checked against them).
  let sentNotices: SentNotices | null = null;
  const sent = () => {
    sentNotices ??= new SentNotices(wingman().stateDir);
    return sentNotices;
  };

  const web = registerWebRoute(api, wingman, log);
  // /wm: the host's isAuthorizedSender is required (requireAuth) and Wingman's owner check must hold as well:
  // under `allowFrom: ["*"]` the host authorizes everyone.
  const handle = async (ctx: {
    senderId?: string;
    channel: string;
    isAuthorizedSender: boolean;
    args?: string;
    from?: string;
    to?: string;
    sessionKey?: string;
    isGroup?: boolean;
    chatType?: string;
  }) => {
    if (ctx.args?.trim().toLowerCase() === "web") {
      const actor = actorFor(
        { senderId: ctx.senderId, channel: ctx.channel, hostAuthorized: ctx.isAuthorizedSender },
        api.config,
        config,
      );
      return { text: web.reply(actor, isDirectChat(ctx, config.localChannels)) };
    }
    const r = parseCommand(ctx.args?.trim() ? ctx.args : "status");
    if (!r.ok) return { text: `✗ ${r.error}${r.suggestion ? `\nDid you mean: /wm ${r.suggestion}` : ""}` };
    const actor = actorFor(
      { senderId: ctx.senderId, channel: ctx.channel, hostAuthorized: ctx.isAuthorizedSender },
      api.config,
      config,
    );
    return { text: await runIntent(wingman(), r.intent, actor) };
  };
  for (const name of ["wm", "wingman"]) {
    api.registerCommand?.({
      name,
      description: "Claude Code Wingman: status, approve/deny, tell… (/wm help)",
      acceptsArgs: true,
      requireAuth: true,
      handler: handle,
    });
  }

  // The assistant's tools, as a factory: the hosts call it per assistant run with that run's context, so each
  // tool knows who is asking (OpenClaw: requesterSenderId, senderIsOwner, messageChannel; clawdbot: the channel
  // only). The caller is read when a tool runs: OpenClaw's senderIsOwner is a live getter.
  if (config.toolAccess === "any") {
    log.warn(
      'Wingman toolAccess is "any": the assistant\'s tools spawn, send, answer and kill for whoever talks to the assistant, not only owners',
    );
  }
  api.registerTool?.(
    (ctx) =>
      buildTools(lazy(wingman), {
        caller: () => toolCallerFor(ctx, api.config, config),
        access: config.toolAccess,
        log,
      }),
    { names: [...TOOL_NAMES] },
  );

  // OpenClaw: plain text that is exactly a Wingman phrase is answered without the assistant.
  // Only in a direct chat: in a group, others would read the answer (folders, commands), so a group message
  // always goes to the assistant, which follows the host's own group rules.
  api.on?.("before_dispatch", async (event) => {
    if (event.isGroup === true) return { handled: false };
    const content = String(event.content ?? event.body ?? "");
    const w = wingman();
    // A reply quoting one of Wingman's notifications answers it (doors/host/quoted.ts).
    const quoted = await answerQuoted(event, content);
    if (quoted) return quoted;
    const intent = claimsPlainText(content, { sessions: await w.knownSessions(), ids: await w.knownPromptIds() });
    if (!intent) return { handled: false };
    // No host flag here: Wingman's owner check alone decides; anyone else's text goes to the assistant.
    const actor = actorFor(
      { senderId: event.senderId as string | undefined, channel: String(event.channel ?? "") },
      api.config,
      config,
    );
    if (!actor.authorized) return { handled: false };
    return { handled: true, text: await runIntent(w, intent, actor) };
  });

  async function answerQuoted(event: Record<string, unknown>, content: string) {
    const replyToId = event.replyToId;
    const channel = String(event.channel ?? "").toLowerCase();
    const senderId = event.senderId;
    if ((typeof replyToId !== "string" && typeof replyToId !== "number") || typeof senderId !== "string") return null;
    const notice = await sent().find(channel, String(replyToId), senderId);
    if (!notice?.session) return null;
    const actor = actorFor({ senderId, channel }, api.config, config);
    if (!actor.authorized) return null;
    const w = wingman();
    const view = notice.type === "finished" ? undefined : (await w.status(notice.session).catch(() => []))[0];
    const p = view?.pending;
    const reading = readQuoted(
      notice,
      content,
      p ? (p.kind === "question" ? "question" : "prompt") : null,
      p?.risk === "high",
      p?.options,
    );
    if (!reading) return null;
    if ("hint" in reading) return { handled: true, text: reading.hint };
    return { handled: true, text: await runIntent(w, reading.intent, actor) };
  }

  // OpenClaw: a prompt's buttons on Telegram (the channel whose adapter renders them); a press is an answer.
  const presses = new ButtonPresses({
    wingman,
    sent,
    hostConfig: () => api.config,
    config,
    log,
  });
  api.registerInteractiveHandler?.({
    channel: "telegram",
    namespace: NAMESPACE,
    handler: async (ctx) => {
      await presses.handle({
        channel: "telegram",
        senderId: ctx.senderId,
        senderName: ctx.senderUsername ? `@${ctx.senderUsername}` : undefined,
        hostAuthorized: ctx.auth?.isAuthorizedSender,
        payload: ctx.callback.payload,
        messageId: String(ctx.callback.messageId),
        chatId: String(ctx.callback.chatId),
        messageText: ctx.callback.messageText,
        edit: (text, buttons) => ctx.respond.editMessage({ text, buttons: telegramKeyboard(buttons) }),
        reply: (text, buttons) =>
          ctx.respond.reply({ text, ...(buttons.length ? { buttons: telegramKeyboard(buttons) } : {}) }),
      });
      return { handled: true };
    },
  });

  let monitor: Monitor | null = null;
  api.registerService?.({
    id: `${PLUGIN_ID}-monitor`,
    async start() {
      const w = wingman();
      monitor = new Monitor({
        describe: describeNotification,
        wingman: w,
        notifier: new ChannelNotifier(api, config, w, sent, log),
        config,
        logger: log,
      });
      if (!(await monitor.start())) monitor = null;
    },
    async stop() {
      web.stop();
      await monitor?.stop();
      monitor = null;
    },
  });
}

/** A Wingman whose core is created on first use (tools are registered before any is needed). */
function lazy(get: () => Wingman): Wingman {
  return new Proxy({} as Wingman, {
    get: (_t, k) => {
      const w = get() as unknown as Record<string | symbol, unknown>;
      const v = w[k];
      return typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(w) : v;
    },
  });
}

export default {
  id: PLUGIN_ID,
  name: "Claude Code Wingman",
  description: "Run Claude Code sessions in tmux and answer their prompts from WhatsApp.",
  register,
};
