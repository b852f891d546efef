// The browser for the page's tests: the system's Chromium (Debian's /usr/bin/chromium, or CHROMIUM_PATH)
// driven by playwright-core, headless, offline. `--no-sandbox` only when running as root (Chromium refuses
// to start its sandbox as root); the other switches keep it from reaching for a network this machine lacks.
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { type Browser, chromium } from "playwright-core";
import { REPO } from "../../devkit/temp-wingman.js";

export const ARTIFACTS = join(REPO, ".cache", "artifacts");

export async function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!existsSync(executablePath)) {
    throw new Error(`Chromium is not installed at ${executablePath}: \`apt-get install chromium\` (.ci/run does), or set CHROMIUM_PATH`);
  }
  const args = ["--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"];
  if (process.getuid?.() === 0) args.push("--no-sandbox");
  const browser = await chromium.launch({ executablePath, headless: true, args });
  console.log(`browser: Chromium ${browser.version()} (${executablePath})`);
  await mkdir(ARTIFACTS, { recursive: true });
  return browser;
}
