// The package as a user gets it: test/host/setup.sh runs `npm pack` (whose prepack builds) and unpacks the
// tarball here. Host tests install that tarball and load that folder, never the work tree, so a file
// missing from package.json "files" (or a dependency left out of the bundle) fails them.
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { REPO } from "../../devkit/temp-wingman.js";

export const PACKED_DIR = join(REPO, ".cache/host-package");
/** The unpacked tarball: the folder a host loads. */
export const PACKAGE = join(PACKED_DIR, "package");

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
