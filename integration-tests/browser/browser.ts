import { existsSync, mkdirSync } from "node:fs"
import path from "node:path"
import type { Browser, Page } from "playwright-core"

/**
 * Which Chromium the browser tests drive, and what happens when there is none:
 * locally the suite is skipped with a loud message; on CI (CI=true) a missing browser fails it,
 * because a silently skipped browser suite would look like a passing one.
 */
export const CHROMIUM_PATH = process.env.CHROME_PATH || "/usr/bin/chromium"
const onCi = process.env.CI === "true"

export const SCREENSHOT_DIR = path.resolve(__dirname, "..", "..", "test-results", "browser")

function missingBrowserMessage() {
  return [
    "",
    "════════════════════════════════════════════════════════════════════════",
    `  BROWSER TESTS SKIPPED: no Chromium at ${CHROMIUM_PATH}.`,
    "  Install it with `apt-get install chromium` (Debian/Ubuntu),",
    "  or point CHROME_PATH at a Chrome/Chromium binary.",
    "════════════════════════════════════════════════════════════════════════",
    "",
  ].join("\n")
}

export const browserAvailable = existsSync(CHROMIUM_PATH)

if (!browserAvailable) {
  if (onCi) {
    throw new Error(
      `No Chromium at ${CHROMIUM_PATH}, and CI=true: browser tests must run on CI. Install it with \`apt-get install chromium\` or set CHROME_PATH.`
    )
  }
  console.warn(missingBrowserMessage())
}

/** `describe` when a browser is there, `describe.skip` (after the loud message above) when not. */
export const describeWithBrowser: jest.Describe = browserAvailable ? describe : describe.skip

export async function launchBrowser(): Promise<Browser> {
  // Required lazily so that a machine without the package still gets the clear message above.
  const { chromium } = require("playwright-core") as typeof import("playwright-core")
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  })
}

/** Saves a full-page screenshot under test-results/browser/ (git-ignored) for a human to look at. */
export async function saveScreenshot(page: Page, name: string) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  const file = path.join(SCREENSHOT_DIR, `${name}.png`)
  await page.screenshot({ path: file, fullPage: true })
  return file
}
