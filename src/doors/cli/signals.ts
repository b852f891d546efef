// Ctrl-C and SIGTERM for the long-running commands (status --watch, monitor, web). The listeners stay attached
// until the command has finished cleaning up (`on`, not `once`): execa's child-process clean-up listens for the
// same signals and re-raises one when it finds no other listener, so a `once` listener, removed as it fired,
// let a Ctrl-C that arrived while a tmux call was running kill Wingman by SIGINT (exit by signal, no clean-up).
export interface StopSignal {
  /** Aborted on the first SIGINT or SIGTERM. */
  signal: AbortSignal;
  /** Resolves on the first SIGINT or SIGTERM. */
  stopped: Promise<void>;
  /** Detach the listeners: call once the command has cleaned up. */
  dispose(): void;
}

export function onStopSignal(): StopSignal {
  const ctrl = new AbortController();
  let resolve!: () => void;
  const stopped = new Promise<void>((r) => {
    resolve = r;
  });
  const stop = () => {
    ctrl.abort();
    resolve();
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  return {
    signal: ctrl.signal,
    stopped,
    dispose() {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
    },
  };
}
