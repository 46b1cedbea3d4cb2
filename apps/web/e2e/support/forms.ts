import type { Page } from 'playwright-core';

/**
 * Searches an antd region cascader and picks the match, then checks the field shows it. Retried: on a busy
 * machine the dropdown may still be filtering when first clicked, and the click then lands on nothing.
 */
export async function pickRegion(page: Page, label: string, search: string, region: string) {
  const field = page.locator('.ant-form-item').filter({ has: page.getByLabel(label) });
  const shown = () => field.locator('.ant-select-content, .ant-select-selection-item').first().textContent();
  for (let attempt = 0; attempt < 3; attempt++) {
    await page.getByLabel(label).fill(search);
    const item = page.locator('.ant-cascader-dropdown:visible .ant-cascader-menu-item', { hasText: region }).first();
    await item.waitFor();
    await item.click();
    for (let wait = 0; wait < 20; wait++) {
      if ((await shown())?.includes(region)) return;
      await page.waitForTimeout(100);
    }
    await page.keyboard.press('Escape');
  }
  throw new Error(`could not pick ${region} in ${label}: the field shows ${JSON.stringify(await shown())}`);
}
