import type { Page } from 'playwright-core';
import { householdWorkbook } from '../utils/household-workbook';
import { DEMO, E2E, E2E_TIMEOUT, PHONE, screenshot, signIn, startE2E, choose } from './harness';

/** The household register as the commune officer of Vĩnh Lộc and the district officer use it. */
describe('the household register (e2e)', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
  }, E2E_TIMEOUT);
  afterAll(() => e?.close());

  const count = async (page: Page) => {
    const text = await page.getByTestId('household-count').innerText();
    const m = /Tìm thấy ([\d.]+) hộ/.exec(text);
    if (!m) throw new Error(`no count in "${text}"`);
    return Number(m[1].replace(/\./g, ''));
  };
  /** The household count once it satisfies `pred` (the list shows the previous page while it loads). */
  const waitCount = async (page: Page, pred: (n: number) => boolean) => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const n = await count(page).catch(() => undefined);
      if (n !== undefined && pred(n)) return n;
      if (Date.now() > deadline) throw new Error(`the household count never matched (last: ${n})`);
      await page.waitForTimeout(100);
    }
  };

  it('a commune officer searches "nguyen" and finds households headed by Nguyễn…', async () => {
    const page = await e.page();
    await signIn(page, DEMO.commune.username, DEMO.commune.password);
    const all = await waitCount(page, (n) => n > 0);
    await screenshot(page, 'register-list');
    await page.getByLabel('Tìm hộ').fill('nguyen');
    const found = await waitCount(page, (n) => n < all);
    expect(found).toBeGreaterThan(0);
    expect(page.url()).toContain('q=nguyen');
    const names = await page.locator('tbody tr td:nth-child(2)').allInnerTexts();
    expect(names.length).toBeGreaterThan(0);
    for (const n of names) expect(n).toMatch(/Nguyễn/);
    await screenshot(page, 'register-search');
    // the household page: its members, history and classifications by year
    await page.locator('tbody tr td:nth-child(2) a').first().click();
    await page.getByText('Kết quả rà soát qua các năm').waitFor();
    await page.getByRole('columnheader', { name: 'Quan hệ với chủ hộ' }).waitFor();
    await page.locator('.ant-table-row').nth(1).waitFor();
    await screenshot(page, 'household-page');
  });

  it('adds a household with a member: a field error beside the field first, then saved', async () => {
    const page = await e.page();
    await signIn(page, DEMO.commune.username, DEMO.commune.password);
    await page.getByRole('button', { name: 'Thêm hộ' }).click();
    await page.getByText('Thêm hộ gia đình').waitFor();
    await page.getByRole('button', { name: 'Lưu hộ' }).click();
    // nothing typed: the required fields say so beside themselves
    await page.getByText('Nhập họ và tên chủ hộ').waitFor();
    await page.getByText('Chọn thôn, tổ dân phố').waitFor();
    await screenshot(page, 'household-new-errors');

    await choose(page, page.getByLabel('Thôn, tổ dân phố'));
    await page.getByLabel('Họ và tên').first().fill('Hoàng Văn Kiểm Thử');
    await page.getByLabel('Năm sinh').first().fill('1979');
    await page.getByLabel('Số CCCD/CMND').first().fill('12345');
    await page.getByRole('button', { name: 'Thêm thành viên' }).click();
    await page.getByLabel('Họ và tên').nth(1).fill('Hoàng Thị Con');
    await page.getByLabel('Năm sinh').nth(1).fill('2010');
    await page.getByRole('button', { name: 'Lưu hộ' }).click();
    // a malformed ID number is refused beside its field, nothing saved
    await page.getByText('Số CCCD gồm 12 chữ số (CMND cũ: 9 chữ số)').waitFor();
    await page.getByLabel('Số CCCD/CMND').first().fill('');
    await page.getByRole('button', { name: 'Lưu hộ' }).click();
    await page.getByText('Thành viên (2 người)').waitFor();
    await page.getByRole('cell', { name: 'Hoàng Thị Con', exact: true }).waitFor();
    expect(await page.getByText('Hộ H').first().innerText()).toMatch(/Hoàng Văn Kiểm Thử/);
    await screenshot(page, 'household-added');
  });

  it('an import with errors lists row, column and message, and changes nothing', async () => {
    const page = await e.page();
    await signIn(page, DEMO.commune.username, DEMO.commune.password);
    const before = await waitCount(page, (n) => n > 0);
    await page.getByRole('button', { name: 'Nhập từ Excel' }).click();
    await page.getByText('Bấm hoặc kéo tệp Excel').waitFor();
    const file = householdWorkbook([
      ['X001', '02287-01', 'Lý Văn Một', 'Chủ hộ', 'Nam', 1980, 'Tày'],
      ['X001', '02287-01', 'Lý Thị Hai', 'Vợ', 'Không rõ', 1983, 'Tày'],
      ['X002', '02287-01', 'Ma Văn Ba', 'Chủ hộ', 'Nam', 'năm ngoái', 'Kinh'],
    ]);
    await page.locator('input[type="file"]').setInputFiles({ name: 'danh-sach-loi.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: file });
    await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
    await page.getByText('không có hộ nào được nhập').waitFor();
    await page.getByRole('columnheader', { name: 'Tên cột' }).waitFor();
    const rows = await page.locator('tbody tr').allInnerTexts();
    expect(rows.some((r) => /^\s*3\s/.test(r) && /Giới tính/.test(r))).toBe(true);
    expect(rows.some((r) => /^\s*4\s/.test(r) && /Năm sinh/.test(r))).toBe(true);
    await screenshot(page, 'import-errors');
    await page.getByRole('menuitem', { name: 'Sổ hộ gia đình' }).click();
    expect(await waitCount(page, (n) => n > 0)).toBe(before);
  });

  it('the district officer sees the register read-only, only its area, ID numbers masked', async () => {
    const page = await e.page();
    await signIn(page, DEMO.district.username, DEMO.district.password);
    await page.getByRole('menuitem', { name: 'Sổ hộ gia đình' }).click();
    const total = await waitCount(page, (n) => n > 0);
    expect(total).toBeGreaterThan(30_000); // the whole district
    expect(await page.getByRole('button', { name: 'Thêm hộ' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Nhập từ Excel' }).count()).toBe(0);
    await page.getByText('Chế độ chỉ xem').waitFor();
    // its communes only: the commune picker lists Chiêm Hóa's 26 communes
    await page.getByLabel('Xã, thị trấn').click();
    await page.getByTitle('Thị trấn Vĩnh Lộc').first().click();
    const vinhLoc = await waitCount(page, (n) => n < total);
    expect(vinhLoc).toBeGreaterThan(0);
    await page.getByText('Sổ hộ gia đình', { exact: true }).last().scrollIntoViewIfNeeded();
    await screenshot(page, 'register-district');
    await page.locator('tbody tr td:nth-child(2) a').first().click();
    await page.getByText('Kết quả rà soát qua các năm').waitFor();
    expect(await page.getByRole('button', { name: 'Sửa thông tin hộ' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Thêm thành viên' }).count()).toBe(0);
  });

  it('is usable on a 390-px phone', async () => {
    const page = await e.page(PHONE);
    await signIn(page, DEMO.commune.username, DEMO.commune.password);
    await waitCount(page, (n) => n > 0);
    await page.getByRole('button', { name: 'Mở menu' }).waitFor();
    await screenshot(page, 'register-phone');
  });
});
