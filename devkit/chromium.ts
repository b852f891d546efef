// Chromium from npm for the browser tests and the web benchmark: the pinned @sparticuz/chromium (a headless
// shell with its fonts and SwiftShader), unpacked once into .cache/chromium/<version>/ (ignored by git).
// CHROMIUM_PATH names another browser instead. docs/testing.md, "What a run needs".
import { existsSync, readFileSync } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import { join } from "node:path";

const REPO = join(import.meta.dirname, "..");
const PACKAGE = join(REPO, "node_modules", "@sparticuz", "chromium");

/**
 * The switches the package's build needs: it has no sandbox helper and no zygote, and runs its renderer in
 * the browser process. The pages it loads are the tests' own, from 127.0.0.1. The rest keep it off a network
 * this machine may lack.
 */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--single-process",
  "--no-zygote",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

/**
 * The browser's path, unpacking it first when needed. The package unpacks into `os.tmpdir()` and trusts any
 * `chromium` file it finds there, so it is pointed at a fresh private folder that is renamed into place only
 * once complete: a run never sees another version or a half-written binary (an interrupted unpack leaves a
 * `.partial-*` folder, which nothing reads).
 */
export async function chromiumPath(log: (line: string) => void = console.log): Promise<string> {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist`);
    return fromEnv;
  }
  if (!existsSync(PACKAGE))
    throw new Error(
      `@sparticuz/chromium is not installed at ${PACKAGE}: run \`npm ci\` (it is a pinned devDependency)`,
    );
  const version = (JSON.parse(readFileSync(join(PACKAGE, "package.json"), "utf8")) as { version: string }).version;
  const dir = join(REPO, ".cache", "chromium", version);
  const bin = join(dir, "chromium");
  if (existsSync(bin)) return bin;
  const partial = join(REPO, ".cache", "chromium", `.partial-${version}-${process.pid}`);
  await rm(partial, { recursive: true, force: true });
  await mkdir(partial, { recursive: true });
  const { default: chromium } = await import("@sparticuz/chromium");
  const savedTmp = process.env.TMPDIR;
  process.env.TMPDIR = partial;
  const started = Date.now();
  try {
    const unpacked = await chromium.executablePath();
    if (unpacked !== join(partial, "chromium"))
      throw new Error(`@sparticuz/chromium unpacked to ${unpacked}, not into ${partial}`);
  } finally {
    if (savedTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmp;
  }
  await rename(partial, dir);
  log(
    `chromium: unpacked @sparticuz/chromium ${version} into ${dir} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return bin;
}

// `node devkit/chromium.ts`: unpack it now (npm test's set-up does, beside its other lanes) and print its path.
if (import.meta.main) console.log(`chromium: ${await chromiumPath()}`);
