import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const screenshotDir = fileURLToPath(new URL('../../test-results/screenshots', import.meta.url));

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export type TestBrowser = {
  context: BrowserContext;
  newPage: (viewport?: { width: number; height: number }) => Promise<Page>;
  close: () => Promise<void>;
};

/** Debian's Chromium through playwright-core, with the flags this sandbox needs and a fresh profile. */
export async function launchBrowser(): Promise<TestBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'ronghe-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    // axe-core is injected as an inline script, which our CSP (rightly) forbids to the page itself
    bypassCSP: true,
    locale: 'zh-CN',
    viewport: { width: 1280, height: 800 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  mkdirSync(screenshotDir, { recursive: true });
  return {
    context,
    newPage: async (viewport) => {
      const page = await context.newPage();
      if (viewport) await page.setViewportSize(viewport);
      return page;
    },
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export type AxeViolation = { id: string; impact: string | null; help: string; targets: string[] };

/** How long a violation must last to count: a colour in mid-transition (hover, a closing drawer) is not the page's. */
const A11Y_SETTLE_MS = 3_000;
const A11Y_RECHECK_MS = 500;

/**
 * Runs axe-core in the page; returns the serious and critical violations that persist: while some are found, axe
 * runs again every half second for up to 3 s, and the page passes as soon as one run finds none. A real fault is
 * found by every run and reported.
 */
export async function seriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  const deadline = Date.now() + A11Y_SETTLE_MS;
  for (;;) {
    const found = await axeOnce(page);
    if (found.length === 0 || Date.now() > deadline) return found;
    await page.waitForTimeout(A11Y_RECHECK_MS);
  }
}

async function axeOnce(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    type Node = { target: string[]; failureSummary?: string };
    const axe = (
      window as unknown as {
        axe: { run: (ctx: Document) => Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Node[] }> }> };
      }
    ).axe;
    const result = await axe.run(document);
    // name the first few offending elements, so a failure says where to look
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')} — ${n.failureSummary ?? ''}`),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
}

/** Waits for a step's outcome; on timeout, fails with what the page shows (errors, alerts, messages) and a screenshot. */
export async function expectOutcome(page: Page, name: string, wait: () => Promise<unknown>): Promise<void> {
  try {
    await wait();
  } catch (error) {
    await screenshot(page, `failed-${name}`);
    const shown = await page.locator('.ant-form-item-explain-error, [role=alert], .ant-message-notice').allTextContents();
    throw new Error(`${name}: ${String(error)}\nshown: ${JSON.stringify(shown)}\nurl: ${page.url()}`, { cause: error });
  }
}
