// The package as a user gets it: test/host/setup.sh runs `npm pack` (whose prepack builds) and unpacks the
// tarball here. Host tests install that tarball and load that folder, never the work tree, so a file
// missing from package.json "files" (or a dependency left out of the bundle) fails them.
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { REPO } from "../../devkit/temp-wingman.js";

export const PACKED_DIR = join(REPO, ".cache/host-package");
/** The unpacked tarball: the folder a host loads. */
export const PACKAGE = join(PACKED_DIR, "package");

/**
 * npm settings for a host's `plugins install` under which any use of the npm registry fails at once: a closed
 * port on 127.0.0.1 as the registry, an empty cache of the test's own, offline. The package bundles its runtime
 * code and declares no `dependencies`, so the hosts copy it and run no `npm install`; should that change, the
 * install fails here, on every run, instead of now and then on a slow registry.
 */
export function noRegistry(emptyCache: string): Record<string, string> {
  return { npm_config_registry: "http://127.0.0.1:9/", npm_config_cache: emptyCache, npm_config_offline: "true" };
}

/** The packed tarball, or a clear failure saying how to make it. */
export function packedTarball(): string {
  const tgz = existsSync(PACKED_DIR) ? readdirSync(PACKED_DIR).find((f) => f.endsWith(".tgz")) : undefined;
  if (!tgz || !existsSync(join(PACKAGE, "package.json"))) {
    throw new Error(
      `the packed package is not in ${PACKED_DIR}: run \`bash test/host/setup.sh\` (npm test does), which runs npm pack`,
    );
  }
  return join(PACKED_DIR, tgz);
}
