// The few members of the host's plugin API Wingman uses, as a structural type: nothing is imported
// from the host at run time, and every optional piece is feature-detected (docs/host-api.md, "Loading and `register(api)`").

export interface HostLogger {
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
  debug?(msg: string): void;
}

export interface CommandContext {
  senderId?: string;
  channel: string;
  /** The host's allowlist verdict for this sender; under `allowFrom: ["*"]` it is true for everyone. */
  isAuthorizedSender: boolean;
  /** OpenClaw: the host's owner bit (commands.ownerAllowFrom, or an operator.admin gateway client). */
  senderIsOwner?: boolean;
  args?: string;
  commandBody: string;
  config: unknown;
}

export interface ToolResult {
  content: Array<{ type: "text"; text: string }>;
  details: unknown;
}

export interface HostTool {
  name: string;
  label: string;
  description: string;
  parameters: unknown;
  execute(toolCallId: string, params: Record<string, unknown>, signal?: AbortSignal): Promise<ToolResult>;
}

/**
 * What a host passes to a tool factory, per assistant run (docs/host-api.md, "What each host puts in the tool context").
 * clawdbot 2026.1.24: config, workspaceDir, agentDir, agentId, sessionKey, messageChannel, agentAccountId,
 * sandboxed; no sender. OpenClaw 2026.9.6 (`OpenClawPluginToolContext` in dist/plugin-entry-*.d.ts and
 * dist/runtime-api-*.d.ts) adds requesterSenderId ("trusted sender id from inbound context, runtime-provided,
 * not tool args") and senderIsOwner ("trusted owner bit", a getter there: read it when the tool runs).
 */
export interface ToolContext {
  config?: unknown;
  messageChannel?: string;
  requesterSenderId?: string;
  senderIsOwner?: boolean;
  agentAccountId?: string;
  sessionKey?: string;
  sandboxed?: boolean;
  [k: string]: unknown;
}

export type ToolFactory = (ctx: ToolContext) => HostTool | HostTool[] | null | undefined;

export interface ServiceContext {
  config?: unknown;
  stateDir?: string;
  logger?: HostLogger;
}

export interface HostRuntime {
  state?: { resolveStateDir?: () => string };
  /** OpenClaw: the gateway's current resolved config (its outbound adapters require it as `cfg`). */
  config?: { current?: () => unknown };
  channel?: {
    text?: { chunkText?: (text: string, limit: number) => string[] };
    whatsapp?: {
      sendMessageWhatsApp?: (
        to: string,
        body: string,
        opts: { verbose: boolean; accountId?: string },
      ) => Promise<unknown>;
    };
    outbound?: {
      loadAdapter?: (channel: string) => Promise<OutboundAdapter | undefined> | OutboundAdapter | undefined;
    };
    /** clawdbot: one group per channel with its send function (`telegram.sendMessageTelegram`, …). */
    [channel: string]: unknown;
  };
}

/**
 * OpenClaw 2026.9.6's `ChannelOutboundAdapter`, the members Wingman uses. Both sends take `{ cfg, to, text,
 * accountId?, silent? }` (sendPayload also `payload`) and resolve to `{ messageId, … }`.
 */
export interface OutboundAdapter {
  sendText?: (args: Record<string, unknown>) => Promise<unknown>;
  sendPayload?: (args: Record<string, unknown>) => Promise<unknown>;
  presentationCapabilities?: { supported?: boolean; buttons?: boolean };
}

/** OpenClaw 2026.9.6's Telegram interactive handler context (`TelegramInteractiveHandlerContext`), as used. */
export interface TelegramPressContext {
  channel: string;
  accountId?: string;
  senderId?: string;
  senderUsername?: string;
  isGroup?: boolean;
  auth?: { isAuthorizedSender?: boolean };
  callback: {
    data: string;
    namespace: string;
    payload: string;
    messageId: number | string;
    chatId: string;
    messageText?: string;
  };
  respond: {
    reply(p: { text: string; buttons?: Array<Array<{ text: string; callback_data: string }>> }): Promise<void>;
    editMessage(p: { text: string; buttons?: Array<Array<{ text: string; callback_data: string }>> }): Promise<void>;
  };
}

export interface HostApi {
  id?: string;
  config?: HostConfig;
  pluginConfig?: Record<string, unknown>;
  logger?: HostLogger;
  runtime?: HostRuntime;
  /** A factory is called per assistant run with that run's context; `names` lists what it returns (both hosts). */
  registerTool?: (tool: HostTool | ToolFactory, opts?: { name?: string; names?: string[]; optional?: boolean }) => void;
  registerCommand?: (cmd: {
    name: string;
    description: string;
    acceptsArgs?: boolean;
    requireAuth?: boolean;
    handler: (ctx: CommandContext) => Promise<{ text: string }> | { text: string };
  }) => void;
  registerService?: (svc: {
    id: string;
    start: (ctx: ServiceContext) => Promise<void> | void;
    stop?: (ctx: ServiceContext) => Promise<void> | void;
  }) => void;
  /** OpenClaw 2026.9.6: native button presses for one channel, by the callback data's namespace. */
  registerInteractiveHandler?: (reg: {
    channel: string;
    namespace: string;
    handler: (
      ctx: TelegramPressContext,
    ) => Promise<{ handled?: boolean } | undefined> | { handled?: boolean } | undefined;
  }) => void;
  on?: (
    hook: string,
    handler: (event: Record<string, unknown>, ctx?: Record<string, unknown>) => unknown,
    opts?: Record<string, unknown>,
  ) => void;
}

export interface HostConfig {
  /** `channels.<channel>.allowFrom`: who may write to the assistant there ("*" = anyone); ids may be numbers (Telegram). */
  channels?: Record<string, { allowFrom?: Array<string | number> } | undefined>;
  [k: string]: unknown;
}
