// The page's three files (static/: index.html, app.js, app.css), read once. From source they sit beside this
// module; in the built package tsup copies them to dist/web-static/ (tsup.config.ts), next to the chunk that
// holds this code. They contain no data and no token: the page fetches everything with the token it was
// opened with.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export interface Asset {
  body: Buffer;
  type: string;
}

const FILES: Record<string, string> = {
  "index.html": "text/html; charset=utf-8",
  "app.js": "text/javascript; charset=utf-8",
  "app.css": "text/css; charset=utf-8",
};

let cache: Map<string, Asset> | null = null;

export function assets(): Map<string, Asset> {
  if (cache) return cache;
  const dirs = ["./static/", "./web-static/"].map((d) => fileURLToPath(new URL(d, import.meta.url)));
  const dir = dirs.find((d) => existsSync(`${d}index.html`));
  if (!dir)
    throw new Error(`the web page's files are missing (looked in ${dirs.join(", ")}): rebuild with \`npm run build\``);
  cache = new Map(Object.entries(FILES).map(([name, type]) => [name, { body: readFileSync(`${dir}${name}`), type }]));
  return cache;
}
