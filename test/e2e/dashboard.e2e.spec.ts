import { readFileSync, statSync } from 'node:fs';
import { choose, DEMO, E2E, E2E_TIMEOUT, screenshot, signIn, startE2E } from './harness';

/** The district dashboard, an Excel export, the plans and the program screens, as a district officer uses them. */
describe('dashboard and program (e2e)', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
  }, E2E_TIMEOUT);
  afterAll(() => e?.close());

  it('shows Chiêm Hóa 2022 to the district officer, drills into a commune and downloads the Excel report', async () => {
    const page = await e.page();
    await signIn(page, DEMO.district.username, DEMO.district.password);
    await page.getByRole('menuitem', { name: 'Tổng quan' }).click();
    await page.goto('/tong-quan?year=2022');
    await page.getByTestId('summary-table').waitFor();
    await expect(page.getByTestId('poor-count').innerText()).resolves.toBe('9.776 → 8.162');
    await expect(page.getByTestId('poor-rate').innerText()).resolves.toBe('31,31 % → 26,04 %');
    await expect(page.getByTestId('poor-points').innerText()).resolves.toBe('giảm 5,27 điểm %');
    await expect(page.getByTestId('plan-achieved').innerText()).resolves.toBe('đạt 122 % kế hoạch');
    const text = await page.locator('main, body').first().innerText();
    expect(text).toContain('giảm 1.614 hộ');
    await page.getByRole('img', { name: /Tỷ lệ hộ nghèo theo đơn vị/ }).waitFor();
    await screenshot(page, 'dashboard-district');

    // an Excel export: the file arrives, non-empty, a real xlsx (a zip)
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Báo cáo tổng hợp (biểu 1–13)' }).click()]);
    const path = await download.path();
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    expect(statSync(path).size).toBeGreaterThan(1000);
    expect(readFileSync(path).subarray(0, 4).toString('binary')).toBe('PK\x03\x04');
    await page.getByText(/Đã tải về tệp/).waitFor();

    // the movement and breakdown tabs
    await page.getByRole('tab', { name: 'Diễn biến (biểu 2, 3)' }).click();
    await page.getByText('Diễn biến hộ nghèo (biểu 2)').waitFor();
    await page.getByRole('tab', { name: 'Phân tích (biểu 4–13, Alkire–Foster)' }).click();
    await page.getByText('Nhà tiêu hợp vệ sinh').first().waitFor();
    await page.getByRole('tab', { name: 'Alkire–Foster', exact: true }).click();
    await page.getByText('M0 = H × A', { exact: true }).waitFor();
    await page.getByTestId('summary-table').scrollIntoViewIfNeeded();

    // drill down into a commune, then back up with the breadcrumb
    await page.getByTestId('summary-table').getByText('Thị trấn Vĩnh Lộc').click();
    await page.getByText('Xã là cấp thấp nhất').waitFor();
    await expect(page.getByTestId('poor-count').innerText()).resolves.toBe('77 → 65');
    await screenshot(page, 'dashboard-commune');
    await page.getByRole('navigation', { name: 'Đơn vị đang xem' }).getByText('Huyện Chiêm Hóa').click();
    await page.getByTestId('summary-table').getByText('Thị trấn Vĩnh Lộc').waitFor();
    await expect(page.getByTestId('poor-count').innerText()).resolves.toBe('9.776 → 8.162');
  });

  it('the administrator sees the province and drills down to the district', async () => {
    const page = await e.page();
    await signIn(page, DEMO.admin.username, DEMO.admin.password);
    await page.goto('/tong-quan?year=2022');
    await page.getByTestId('summary-table').waitFor();
    await page.getByTestId('summary-table').getByText('Huyện Chiêm Hóa').waitFor();
    await screenshot(page, 'dashboard-province');
    await page.getByTestId('summary-table').getByText('Huyện Chiêm Hóa').click();
    await page.getByTestId('summary-table').getByText('Thị trấn Vĩnh Lộc').waitFor();
    await expect(page.getByTestId('poor-rate').innerText()).resolves.toBe('31,31 % → 26,04 %');
  });

  it('the district officer sets a plan', async () => {
    const page = await e.page();
    await signIn(page, DEMO.district.username, DEMO.district.password);
    await page.getByRole('menuitem', { name: 'Kế hoạch giảm nghèo' }).click();
    await page.goto('/ke-hoach?year=2022');
    await page.getByRole('cell', { name: 'Huyện Chiêm Hóa', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Sửa kế hoạch Huyện Chiêm Hóa' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Chỉ tiêu giảm').fill('5');
    await screenshot(page, 'dashboard-plan');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await page.getByText('Đã lưu kế hoạch').waitFor();
    await page.getByRole('cell', { name: '5 điểm %' }).waitFor();
  });

  it('the program screens show funds, and a household not on the list is refused in Vietnamese', async () => {
    const page = await e.page();
    await signIn(page, DEMO.district.username, DEMO.district.password);
    await page.getByRole('menuitem', { name: 'Chương trình MTQG' }).click();
    await page.goto('/chuong-trinh?year=2022');
    await page.getByText('Tỷ lệ giải ngân').first().waitFor();
    await page.getByRole('link', { name: 'Dự án 3' }).waitFor();
    await screenshot(page, 'program-projects');
    await page.getByRole('tab', { name: 'Kinh phí' }).click();
    await page.getByText('Kinh phí theo dự án — năm 2022').waitFor();
    await screenshot(page, 'program-funds');
    await page.getByRole('tab', { name: 'Hộ được hỗ trợ' }).click();
    await page.getByText(/lượt hỗ trợ/).waitFor();
    await page.getByRole('button', { name: 'Thêm hộ được hỗ trợ' }).click();
    const dialog = page.getByRole('dialog');
    // H00001 (Chẩu Thị Hạnh, Vĩnh Lộc) is not poor on the 2022 list
    await choose(page, dialog.getByLabel('Hộ (gõ tên chủ hộ hoặc mã hộ)'), 'H00001');
    await choose(page, dialog.getByLabel('Dự án, tiểu dự án'), 'Tiểu dự án 1 (Dự án 3)');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    // the refusal, in the service's Vietnamese words, under the household field
    const reason = dialog.getByText(/^Hộ không thuộc đối tượng của Tiểu dự án 1 \(Dự án 3\): .*hộ không nghèo/);
    await reason.waitFor();
    await dialog.getByRole('button', { name: 'Kiểm tra điều kiện hỗ trợ' }).click();
    await dialog.getByText('Hộ không đủ điều kiện hỗ trợ').waitFor();
    await screenshot(page, 'program-refusal');
    await page.goto('/chuong-trinh/du-an/GNBV21-DA3?year=2022');
    await page.getByText('Kế hoạch vốn giao').waitFor();
    await screenshot(page, 'program-project');
  });
});
