import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { callApi, DEMO_PASSWORD } from './support/api.ts';
import { expectOutcome, screenshotDir } from './support/browser.ts';
import { startJourney } from './support/journey.ts';

// Issue 18: a base named with HTML must show on the public map as that text. ECharts writes a tooltip formatter's
// output with innerHTML; the CSP stops the script but not an element drawn over the page. The base is set up through
// the API (as the attacker would); the map is the journey.

const journey = startJourney();
const ATTACK = '<img src=x onerror=alert(1)><div style="position:fixed;inset:0">';
// a kind no demo base has, so the map's dots are this test's bases only (a retried step may have added one)
const KIND = 'enlightenment_base';
const MAP = `/bases/map?layer=kind&kind=${KIND}`;

/** Centres of the map's base dots (red, a colour no region takes), in page coordinates. */
async function dotCentres(page: Page): Promise<Array<{ x: number; y: number }>> {
  return page.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>('figure [_echarts_instance_] canvas');
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return [];
    const box = canvas.getBoundingClientRect();
    const ratio = canvas.width / box.width;
    const { data, width, height } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    const cells = new Map<string, { x: number; y: number; n: number }>();
    for (let y = 0; y < height; y += 1) {
      for (let x = 0; x < width; x += 1) {
        const i = (y * width + x) * 4;
        const [r = 0, g = 0, b = 0] = [data[i], data[i + 1], data[i + 2]];
        // #d4380d at the scatter's 0.8 opacity over any region colour (blues; yellow when hovered): red stands out
        if (r - g < 80 || r - b < 80) continue;
        const key = `${Math.floor(x / (14 * ratio))},${Math.floor(y / (14 * ratio))}`;
        const cell = cells.get(key) ?? { x: 0, y: 0, n: 0 };
        cells.set(key, { x: cell.x + x, y: cell.y + y, n: cell.n + 1 });
      }
    }
    return [...cells.values()].filter((c) => c.n >= 4).map((c) => ({ x: box.left + c.x / c.n / ratio, y: box.top + c.y / c.n / ratio }));
  });
}

/** Hovers the map's dots until the tooltip names `text`; the tooltip element. */
async function hoverDotNamed(page: Page, text: string) {
  const tooltip = page.locator('.jjj-map-tooltip');
  await expect.poll(async () => (await dotCentres(page)).length, { timeout: 15_000 }).toBeGreaterThan(0);
  for (const dot of await dotCentres(page)) {
    await page.mouse.move(dot.x, dot.y);
    const shown = await expect
      .poll(async () => ((await tooltip.isVisible()) ? await tooltip.textContent() : ''), { timeout: 2_000 })
      .toContain(text)
      .then(
        () => true,
        () => false,
      );
    if (shown) return tooltip;
  }
  throw new Error(`no dot on the map shows "${text}"`);
}

describe('a base named with HTML, on the public map', () => {
  const tag = Date.now().toString(36);
  const name = `${ATTACK}${tag}`;

  it('a school publishes a base whose name is markup', async () => {
    const { cookie } = await callApi(journey.server.url, 'account.signIn', {
      identifier: 'school@demo.ronghe.cn',
      password: DEMO_PASSWORD,
    });
    const me = await callApi<{ memberships: Array<{ organizationId: string }> }>(journey.server.url, 'account.me', undefined, {
      cookie,
      query: true,
    });
    const organizationId = me.data.memberships[0]?.organizationId;
    // far from the demo bases: 承德 双桥区
    const base = await callApi<{ id: string }>(
      journey.server.url,
      'trainingBases.create',
      {
        organizationId,
        kind: KIND,
        name,
        regionCode: '130802',
        address: '河北省承德市双桥区测试路 1 号',
        lng: 117.94,
        lat: 40.98,
        stations: 12,
        dailyCapacity: 30,
      },
      { cookie },
    );
    await callApi(journey.server.url, 'trainingBases.publish', { id: base.data.id }, { cookie });
    const { data: stored } = await callApi<{ name: string }>(
      journey.server.url,
      'trainingBases.get',
      { id: base.data.id },
      { query: true },
    );
    // stored as typed: it is the page that must not read it as HTML
    expect(stored.name).toBe(name);
  });

  for (const viewport of [
    { width: 1366, height: 900, shot: 'base-map-tooltip-desktop' },
    { width: 375, height: 800, shot: 'base-map-tooltip-phone' },
  ]) {
    it(`the map's tooltip shows the name as text, at ${viewport.width} px`, async () => {
      const page = await journey.browser.newPage({ width: viewport.width, height: viewport.height });
      const dialogs: string[] = [];
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      await page.goto(`${journey.server.url}${MAP}`);
      await page.getByRole('heading', { name: '地图上的基地' }).waitFor();
      // the list beside the map (React) shows it as text too
      await expectOutcome(page, 'base-listed', () => page.getByRole('link', { name }).waitFor());
      await page.locator('figure [_echarts_instance_] canvas').waitFor();
      await page.locator('figure [_echarts_instance_] canvas').scrollIntoViewIfNeeded();
      const tooltip = await hoverDotNamed(page, name);

      const text = (await tooltip.textContent()) ?? '';
      expect(text).toContain(name);
      expect(text).toContain('12 个工位');
      expect(await tooltip.locator('img').count()).toBe(0);
      expect(await tooltip.locator('div[style*="fixed"]').count()).toBe(0);
      // nothing the name could have made anywhere on the page: no image from it, no element laid over the page
      expect(await page.locator('img[src="x"]').count()).toBe(0);
      const overlays = await page.evaluate(
        () =>
          [...document.querySelectorAll<HTMLElement>('[style]')].filter((el) => el.style.position === 'fixed' && el.style.inset === '0px')
            .length,
      );
      expect(overlays).toBe(0);
      expect(dialogs).toEqual([]);
      // the viewport as it is (a full-page capture could resize the chart and hide the tooltip)
      await page.screenshot({ path: join(screenshotDir, `${viewport.shot}.png`) });
      await page.close();
    });
  }
});
