import { DEMO, E2E, E2E_TIMEOUT, screenshot, signIn, startE2E, choose } from './harness';

/** The administrator's screens: users, administrative units, the audit log. */
describe('administration (e2e)', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
  }, E2E_TIMEOUT);
  afterAll(() => e?.close());

  it('creates a commune officer who can then sign in to their commune', async () => {
    const page = await e.page();
    await signIn(page, DEMO.admin.username, DEMO.admin.password);
    await page.getByRole('menuitem', { name: 'Người dùng' }).click();
    await page.getByRole('cell', { name: 'vinhloc', exact: true }).waitFor();
    await screenshot(page, 'admin-users');
    await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Tên đăng nhập').fill('canbo.phucson');
    await dialog.getByLabel('Họ và tên').fill('Nguyễn Thị Hoa');
    await dialog.getByLabel('Mật khẩu ban đầu').fill('mat-khau-ban-dau-1');
    await choose(page, dialog.getByLabel('Đơn vị công tác'), 'Thị trấn Vĩnh Lộc');
    await screenshot(page, 'admin-user-create');
    await dialog.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await page.getByText('Đã tạo tài khoản canbo.phucson').waitFor();
    await page.getByRole('cell', { name: 'canbo.phucson', exact: true }).waitFor();

    const other = await e.page();
    await signIn(other, 'canbo.phucson', 'mat-khau-ban-dau-1');
    await expect(other.getByTestId('unit-heading').innerText()).resolves.toBe('Cán bộ xã — Thị trấn Vĩnh Lộc');
  });

  it('browses the units and the audit log', async () => {
    const page = await e.page();
    await signIn(page, DEMO.admin.username, DEMO.admin.password);
    await page.getByRole('menuitem', { name: 'Đơn vị hành chính' }).click();
    await page.getByText('Huyện Chiêm Hóa').first().click();
    await page.getByText('Các phiên bản').waitFor();
    await screenshot(page, 'admin-units');
    await page.goto('/quan-tri/nhat-ky');
    await page.getByRole('columnheader', { name: 'Người thực hiện' }).waitFor();
    await page.locator('.ant-table-row').first().waitFor();
    await screenshot(page, 'admin-audit');
  });
});
