import { execFileSync } from "node:child_process";
import { cpSync } from "node:fs";
import { defineConfig } from "tsup";

// Two entries: the plugin the hosts load (dist/index.js) and the CLI (dist/cli.js).
// Runtime dependencies are bundled so that a host install needs no `npm install` step.
// After the build: the manifests, and the web page's static files next to the chunks (src/doors/web/assets.ts).
export default defineConfig({
  entry: { index: "src/index.ts", cli: "src/doors/cli/main.ts" },
  format: ["esm"],
  target: "node22",
  platform: "node",
  clean: true,
  sourcemap: true,
  splitting: true,
  noExternal: [/.*/],
  async onSuccess() {
    cpSync("src/doors/web/static", "dist/web-static", { recursive: true });
    execFileSync(process.execPath, ["scripts/build-manifests.mjs"], { stdio: "inherit" });
  },
});
