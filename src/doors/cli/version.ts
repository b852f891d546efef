// The package's version, read from its package.json (found from this file's place, so it works from
// dist/ in an installed package and from src/ in a checkout).
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export function packageVersion(from: string = import.meta.url): string {
  let dir = dirname(fileURLToPath(from));
  for (let i = 0; i < 6; i++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: string; version?: string };
      if (pkg.name === "claude-code-wingman" && pkg.version) return pkg.version;
    } catch {
      // not here: one folder up
    }
    dir = dirname(dir);
  }
  return "unknown";
}
