import { defineConfig } from "tsup";

// Two entries: the plugin the hosts load (dist/index.js) and the CLI (dist/cli.js).
// Runtime dependencies are bundled so that a host install needs no `npm install` step.
export default defineConfig({
  entry: { index: "src/index.ts", cli: "src/doors/cli/main.ts" },
  format: ["esm"],
  target: "node22",
  platform: "node",
  clean: true,
  sourcemap: true,
  splitting: true,
  noExternal: [/.*/],
  onSuccess: "node scripts/build-manifests.mjs",
});
