import type { Locator, Page } from 'playwright-core';

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

/**
 * Types a date into an antd date picker and leaves it with Tab (Enter would also submit the form), then checks the
 * field kept it. Retried: on a busy machine keys typed while the picker is still opening can be lost, and the
 * picker then clears the incomplete date.
 */
export async function typeDate(page: Page, label: string, value: string) {
  const input = page.getByLabel(label);
  for (let attempt = 0; attempt < 3; attempt++) {
    await input.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type(value);
    await page.keyboard.press('Tab');
    for (let wait = 0; wait < 20; wait++) {
      if ((await input.inputValue()) === value) return;
      await page.waitForTimeout(100);
    }
  }
  throw new Error(`could not type ${value} into ${label}: the field shows ${JSON.stringify(await input.inputValue())}`);
}

/**
 * Types a range into the first antd RangePicker on the page (start, Enter, end, then Tab: Enter would also submit
 * the form) and checks both inputs kept their dates. Retried, as typeDate.
 */
export async function typeRange(page: Page, from: string, to: string) {
  const start = page.getByPlaceholder('开始日期').first();
  const end = page.getByPlaceholder('结束日期').first();
  for (let attempt = 0; attempt < 3; attempt++) {
    await start.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type(from);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+A');
    await page.keyboard.type(to);
    await page.keyboard.press('Tab');
    for (let wait = 0; wait < 20; wait++) {
      if ((await start.inputValue()) === from && (await end.inputValue()) === to) return;
      await page.waitForTimeout(100);
    }
  }
  throw new Error(`could not type ${from} – ${to}: the fields show ${JSON.stringify([await start.inputValue(), await end.inputValue()])}`);
}

/**
 * Clicks a button that asks "are you sure?" and confirms in its popup. Retried: a click while the page re-renders
 * can open a popup that is unmounted at once, or land on one that no longer acts (CI, 2026-11-29: the admin's
 * confirmed 批准 left the consortium 待审批 for 30 s, and the retry's single click approved it). With `until`, the
 * outcome it waits for (given a time limit) says whether the confirmation took; while it has not and the button
 * is still there, the button is clicked and confirmed again.
 */
export async function clickAndConfirm(
  page: Page,
  button: string,
  options: { exact?: boolean; until?: (timeoutMs: number) => Promise<unknown>; within?: Locator } = {},
) {
  const confirm = page.locator('.ant-popconfirm:visible .ant-popconfirm-buttons .ant-btn-primary');
  const target = (options.within ?? page).getByRole('button', { name: button, exact: options.exact });
  await page.waitForLoadState('networkidle');
  for (let attempt = 0; attempt < 3; attempt++) {
    // gone after an earlier confirmation: that one took, and its outcome is awaited below
    if (attempt > 0 && !(await target.first().isVisible())) break;
    await target.click();
    const shown = await confirm.waitFor({ timeout: 5_000 }).then(
      () => true,
      () => false,
    );
    if (!shown) continue;
    // a refetch can re-render the page and close the popconfirm between the wait and the click:
    // then nothing was confirmed, and the loop opens it again
    const clicked = await confirm.click({ timeout: 5_000 }).then(
      () => true,
      () => false,
    );
    if (!clicked) continue;
    if (!options.until) return;
    if (
      await options.until(10_000).then(
        () => true,
        () => false,
      )
    )
      return;
  }
  if (options.until) {
    await options.until(30_000);
    return;
  }
  throw new Error(`clicking ${button} opened no confirmation`);
}

/**
 * Clicks a dialog's submit button and waits for the dialog to close: the sign that the server took it. Fails at once
 * with the dialog's error messages when it shows some, so a refused form says why rather than timing out on what
 * should have followed. Clicked again while the dialog stays open with no error and no request in flight (the
 * button's loading state): a click that a re-render swallowed submitted nothing.
 */
export async function submitDialog(page: Page, name: string) {
  const dialog = page.getByRole('dialog');
  const button = dialog.getByRole('button', { name });
  const errors = dialog.locator('.ant-alert-error, .ant-form-item-explain-error');
  for (let attempt = 0; attempt < 3; attempt++) {
    if (attempt === 0 || !(await button.evaluate((b) => b.classList.contains('ant-btn-loading')).catch(() => true))) {
      await button.click({ timeout: 10_000 }).catch(() => undefined);
    }
    const closed = await dialog.waitFor({ state: 'hidden', timeout: 15_000 }).then(
      () => true,
      () => false,
    );
    if (closed) return;
    const shown = (await errors.allInnerTexts()).filter((t) => t.trim());
    if (shown.length) throw new Error(`${name}: the dialog refused it: ${shown.join(' | ')}`);
  }
  await dialog.waitFor({ state: 'hidden', timeout: 30_000 });
}
