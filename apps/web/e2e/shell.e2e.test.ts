import { describe, expect, it } from 'vitest';
import { screenshot, seriousA11yViolations } from './support/browser.ts';
import { startJourney } from './support/journey.ts';

const journey = startJourney();

describe('the web shell', () => {
  it('runs against the engine the environment asks for', () => {
    expect(journey.server.engine).toBe(process.env.DATABASE_URL ? 'postgres' : 'pglite');
  });

  it('shows the Chinese home page with live data, then switches to English and remembers it', async () => {
    const page = await journey.browser.newPage();
    await page.goto(journey.server.url);
    await page.getByRole('heading', { name: '让学校、企业与京津冀伙伴在一个平台上协同' }).waitFor();
    // plan targets and organisation counts come from the API
    await page.getByRole('cell', { name: '市域产教联合体' }).waitFor();
    await expect(page.getByRole('cell', { name: '丝路学堂海外分校' }).count()).resolves.toBe(1);
    await page.getByText('覆盖行政区划').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await screenshot(page, 'home-zh');

    await page.getByRole('button', { name: /English/ }).click();
    await page.getByRole('cell', { name: 'City-level industry-education unions' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.reload();
    await page.getByRole('cell', { name: 'City-level industry-education unions' }).waitFor();
    await screenshot(page, 'home-en');

    await page.getByRole('button', { name: /中文/ }).click();
    await page.getByRole('cell', { name: '市域产教联合体' }).waitFor();
    await page.close();
  });

  it('searches the enterprise directory by a two-character term, on a deep link', async () => {
    const page = await journey.browser.newPage();
    // the directory is for signed-in users: sign in as the demo school through the API
    await journey.signIn(page, 'school@demo.ronghe.cn');
    await page.goto(`${journey.server.url}/enterprises`);
    await page.getByRole('heading', { name: '企业', level: 1 }).waitFor();
    await page.getByRole('searchbox', { name: '搜索' }).fill('数控');
    await page.getByRole('searchbox', { name: '搜索' }).press('Enter');
    await page.getByRole('cell', { name: /亦庄智造数控装备有限公司/ }).waitFor();
    await expect(page.getByRole('row').count()).resolves.toBe(2); // header + one hit
    await screenshot(page, 'enterprises-search');
    await page.close();
  });

  it('has no serious or critical accessibility violations on its pages', async () => {
    const page = await journey.browser.newPage();
    for (const path of ['/', '/schools', '/admin', '/no-such-page']) {
      await page.goto(`${journey.server.url}${path}`);
      await page.locator('main').waitFor();
      await page.waitForLoadState('networkidle');
      expect(await seriousA11yViolations(page), path).toEqual([]);
    }
    await page.close();
  });

  it('fits a 375 px phone screen, with the navigation in a drawer', async () => {
    const page = await journey.browser.newPage({ width: 375, height: 740 });
    await page.goto(`${journey.server.url}/schools`);
    await page.getByRole('cell').first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'schools-375');
    await page.getByRole('button', { name: '菜单' }).click();
    await page.getByRole('dialog').getByRole('link', { name: '合作方' }).click();
    await page.getByRole('heading', { name: '合作方', level: 1 }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.close();
  });

  it('answers unknown pages with the app and unknown API paths with JSON 404', async () => {
    const page = await journey.browser.newPage();
    await page.goto(`${journey.server.url}/no-such-page`);
    await page.getByText('页面不存在', { exact: true }).waitFor();
    await page.close();
    const api = await fetch(`${journey.server.url}/api/no-such-thing`);
    expect(api.status).toBe(404);
    expect(await api.json()).toMatchObject({ error: 'not found' });
  });
});
