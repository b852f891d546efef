#!/usr/bin/env node
// The `wingman` bin: checks the Node version first (a clear line beats a syntax error), turns on Node's
// compile cache, then runs the CLI.
const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(`wingman: Node ${process.versions.node} is too old; Wingman needs Node 22.12 or later\n`);
  process.exit(1);
}
compileCache();
const { main } = await import("../dist/cli.js");
process.exitCode = await main(process.argv.slice(2));

/**
 * Node's compile cache keeps V8's compiled code for the CLI between runs: a cold `wingman status` skips
 * most of parsing and compiling its bundle (bench/cli-cold.ts). It lives in this user's own cache folder
 * ($XDG_CACHE_HOME or ~/.cache, then claude-code-wingman/compile-cache), never in a shared /tmp: compiled
 * code read from a folder another user can write to would run as you. A folder that is not this user's
 * alone is not used; any trouble leaves the cache off. NODE_DISABLE_COMPILE_CACHE=1 turns it off.
 * Built-ins come through getBuiltinModule: an ESM import of them costs more than this whole function.
 */
function compileCache() {
  try {
    const { enableCompileCache } = process.getBuiltinModule("node:module");
    const { mkdirSync, statSync } = process.getBuiltinModule("node:fs");
    const { join } = process.getBuiltinModule("node:path");
    const base = process.env.XDG_CACHE_HOME || (process.env.HOME ? join(process.env.HOME, ".cache") : "");
    if (!enableCompileCache || !base.startsWith("/")) return;
    const dir = join(base, "claude-code-wingman", "compile-cache");
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = statSync(dir);
    if (st.uid !== process.getuid?.() || (st.mode & 0o077) !== 0) return;
    enableCompileCache(dir);
  } catch {
    // No cache: slower to start, nothing else changes.
  }
}
