import type { Page } from 'playwright-core';
import { DEMO, E2E, E2E_TIMEOUT, screenshot, signIn, startE2E } from './harness';

/** The review rounds as the commune officer of Vĩnh Lộc uses them: a decided round read-only, a new round taken through its first steps. */
describe('review rounds (e2e)', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
  }, E2E_TIMEOUT);
  afterAll(() => e?.close());

  const openRounds = async (page: Page) => {
    await page.getByRole('menuitem', { name: 'Đợt rà soát' }).click();
    await page.locator('.ant-table-row').first().waitFor();
  };
  /** Types a date into the antd DatePicker labelled `label`, as an officer does (dd/mm/yyyy, Enter). */
  const typeDate = async (page: Page, label: string, date: string) => {
    const input = page.getByLabel(label);
    await input.click();
    await input.fill(date);
    await page.keyboard.press('Enter');
  };

  it('a decided round is shown read-only, its results with their class and explanation', async () => {
    const page = await e.page();
    await signIn(page, DEMO.commune.username, DEMO.commune.password);
    await openRounds(page);
    await screenshot(page, 'round-list');
    await page.locator('.ant-table-row', { hasText: 'Đã quyết định' }).first().getByRole('link').click();
    await page.getByText('Đã quyết định – chỉ xem').waitFor();
    await page.getByText('Kết quả rà soát theo hộ').waitFor();
    await page.locator('.ant-table-row').first().waitFor();
    // no step can be taken on a frozen round
    for (const step of ['Bắt đầu rà soát', 'Ghi kết quả họp thôn', 'Niêm yết danh sách', 'Ra quyết định công nhận']) {
      expect(await page.getByRole('button', { name: step }).count()).toBe(0);
    }
    const classes = await page.locator('.ant-table-row .ant-tag').allInnerTexts();
    expect(classes.length).toBeGreaterThan(0);
    for (const c of classes) expect(['Hộ nghèo', 'Hộ cận nghèo', 'Hộ có mức sống trung bình', 'Không nghèo, không cận nghèo']).toContain(c);
    await screenshot(page, 'round-frozen');
  });

  it('creates a round, starts it, records the village meeting: the next step is always one button', async () => {
    const page = await e.page();
    await signIn(page, DEMO.commune.username, DEMO.commune.password);
    await openRounds(page);
    await page.getByRole('button', { name: 'Tạo đợt rà soát' }).click();
    await page.getByLabel('Năm rà soát').fill('2026');
    await page.getByRole('button', { name: 'Tạo', exact: true }).click();
    await page.getByText('Đã tạo đợt rà soát').waitFor();
    await page.locator('.ant-table-row', { hasText: 'Dự thảo' }).first().getByRole('link').click();

    await page.getByRole('button', { name: 'Bắt đầu rà soát' }).click();
    await typeDate(page, 'Ngày bắt đầu', '02/11/2026');
    await page.getByRole('button', { name: 'Ghi nhận' }).click();
    await page.getByText('Đã chuyển sang bước: Đang rà soát, điều tra').waitFor();

    await page.getByRole('button', { name: 'Ghi kết quả họp thôn' }).click();
    // nothing typed: the required fields say so beside themselves
    await page.getByRole('button', { name: 'Ghi nhận' }).click();
    await page.getByText('Chọn ngày họp').waitFor();
    await typeDate(page, 'Ngày họp', '20/11/2026');
    await page.getByLabel('Tỷ lệ đồng ý (%)').fill('86,5');
    await page.getByLabel('Số người dự họp').fill('57');
    await screenshot(page, 'round-step-modal');
    await page.getByRole('button', { name: 'Ghi nhận' }).click();
    await page.getByText('Đã chuyển sang bước: Đã họp thôn').waitFor();
    await page.getByRole('button', { name: 'Niêm yết danh sách' }).waitFor();
    await page.getByText('86,5 % đồng ý').waitFor();
    await screenshot(page, 'round-steps');
  });
});
