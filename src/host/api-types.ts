// The few members of the host's plugin API Wingman uses, as a structural type: nothing is imported
// from the host at run time, and every optional piece is feature-detected (host-api.md §7).

export interface HostLogger {
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
  debug?(msg: string): void;
}

export interface CommandContext {
  senderId?: string;
  channel: string;
  isAuthorizedSender: boolean;
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
      sendMessageWhatsApp?: (to: string, body: string, opts: { verbose: boolean; accountId?: string }) => Promise<unknown>;
    };
    outbound?: {
      loadAdapter?: (channel: string) =>
        | Promise<{ sendText?: (args: Record<string, unknown>) => Promise<unknown> } | undefined>
        | { sendText?: (args: Record<string, unknown>) => Promise<unknown> }
        | undefined;
    };
  };
}

export interface HostApi {
  id?: string;
  config?: HostConfig;
  pluginConfig?: Record<string, unknown>;
  logger?: HostLogger;
  runtime?: HostRuntime;
  registerTool?: (tool: HostTool | ((ctx: Record<string, unknown>) => HostTool | HostTool[] | null), opts?: Record<string, unknown>) => void;
  registerCommand?: (cmd: {
    name: string;
    description: string;
    acceptsArgs?: boolean;
    requireAuth?: boolean;
    handler: (ctx: CommandContext) => Promise<{ text: string }> | { text: string };
  }) => void;
  registerService?: (svc: { id: string; start: (ctx: ServiceContext) => Promise<void> | void; stop?: (ctx: ServiceContext) => Promise<void> | void }) => void;
  on?: (hook: string, handler: (event: Record<string, unknown>, ctx?: Record<string, unknown>) => unknown, opts?: Record<string, unknown>) => void;
}

export interface HostConfig {
  channels?: { whatsapp?: { allowFrom?: string[] } };
  [k: string]: unknown;
}
