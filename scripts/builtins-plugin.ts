// An esbuild plugin (used by tsup.config.ts): Node's built-in modules reached through
// `process.getBuiltinModule()` instead of an ESM `import`. Why: to import a built-in as ESM, Node builds a
// facade that copies every export once, and copying runs the module's lazy getters: `node:crypto` then
// loads WebCrypto, `node:util` TextDecoder (and with it worker_threads), `node:fs` its streams. Measured on
// Node 24, CPU per `import`: crypto 6.6 ms, util 4.6, fs 3.5, against 0.03 each through getBuiltinModule,
// which hands back the module object and touches nothing. A `wingman status` pays for each on every run.
//
// Every built-in becomes a small module of its own: each export is read from the module object when first
// used (a pure call, so esbuild drops the ones nobody imports), and `default` is the module object.
import { builtinModules } from "node:module";
import type { Plugin } from "esbuild";

const NAMES = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

export function builtinsViaGetBuiltinModule(): Plugin {
  return {
    name: "builtins-via-getBuiltinModule",
    setup(build) {
      build.onResolve({ filter: /^(node:)?[\w/]+$/ }, (args) => {
        if (!NAMES.has(args.path) || args.path.startsWith("node:test") || args.path === "test") return undefined;
        return { path: args.path.replace(/^node:/, ""), namespace: "wingman-builtin" };
      });
      build.onLoad({ filter: /.*/, namespace: "wingman-builtin" }, async (args) => {
        const mod = (await import(`node:${args.path}`)) as Record<string, unknown>;
        const names = Object.keys(mod).filter((k) => k !== "default" && /^[A-Za-z_$][\w$]*$/.test(k));
        const lines = [
          `const m = process.getBuiltinModule(${JSON.stringify(`node:${args.path}`)});`,
          "const pick = (k) => m[k];",
          "export default m;",
          ...names.map((k) => `export const ${k} = /* @__PURE__ */ pick(${JSON.stringify(k)});`),
        ];
        return { contents: lines.join("\n"), loader: "js" };
      });
    },
  };
}
