import { execFileSync } from "node:child_process";
import { cpSync } from "node:fs";
import { defineConfig, type Options } from "tsup";
import { builtinsViaGetBuiltinModule } from "./scripts/builtins-plugin.ts";

// Two bundles: the plugin the hosts load (dist/index.js, with its lazily loaded parts in chunks) and the
// CLI (dist/cli.js), one file of its own. Runtime dependencies are bundled so that a host install needs no
// `npm install` step. After the build: the manifests, and the web page's static files next to the bundles
// (src/doors/web/assets.ts).
//
// The CLI is one file because a cold `wingman status` is mostly loading (bench/cli-cold.ts): sharing
// chunks with the plugin split it into about twenty files, each resolved, read and compiled on its own.
// What a command loads lazily (web, monitor, help) stays unevaluated in that file until it is asked for.
const common: Options = {
  format: ["esm"],
  target: "node22",
  platform: "node",
  sourcemap: true,
  noExternal: [/.*/],
  // Built-ins without ESM facades (scripts/builtins-plugin.ts): a cold `wingman status` loads faster.
  esbuildPlugins: [builtinsViaGetBuiltinModule()],
  removeNodeProtocol: false,
};

export default defineConfig([
  {
    ...common,
    entry: { index: "src/index.ts" },
    // Everything but the CLI's own bundle, which the other build writes at the same time.
    clean: ["**/*", "!cli.js", "!cli.js.map", "!cli-*"],
    splitting: true,
    async onSuccess() {
      cpSync("src/doors/web/static", "dist/web-static", { recursive: true });
      execFileSync(process.execPath, ["scripts/build-manifests.mjs"], { stdio: "inherit" });
    },
  },
  {
    ...common,
    entry: { cli: "src/doors/cli/main.ts" },
    // Its own files are named cli*, so that each build cleans only its own.
    clean: ["cli.js", "cli.js.map", "cli-*"],
    splitting: true,
    esbuildOptions(o) {
      o.chunkNames = "cli-[name]-[hash]";
    },
  },
]);
