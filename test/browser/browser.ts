// The browser for the page's tests: Chromium from the pinned npm package @sparticuz/chromium, unpacked once per
// run by test/global-setup.ts (or the browser CHROMIUM_PATH names), driven by playwright-core, headless,
// offline, with the switches devkit/chromium.ts explains.
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { type Browser, chromium } from "playwright-core";
import { inject } from "vitest";
import { CHROMIUM_ARGS } from "../../devkit/chromium.js";
import { REPO } from "../../devkit/temp-wingman.js";

/** Screenshots and other things the browser tests keep: ignored by git, looked at by people. */
export const ARTIFACTS = join(REPO, ".cache", "artifacts");

export async function launchBrowser(): Promise<Browser> {
  const executablePath = inject("chromiumPath");
  const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
  console.log(`browser: Chromium ${browser.version()} (${executablePath})`);
  await mkdir(ARTIFACTS, { recursive: true });
  return browser;
}
