import type { Page } from 'playwright-core';
import { DEMO, E2E, E2E_TIMEOUT, screenshot, signIn, startE2E, choose } from './harness';

/** Each demo account signs in and sees its own unit and only its own menu. */
describe('sign-in and the menu of each role (e2e)', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
  }, E2E_TIMEOUT);
  afterAll(() => e?.close());

  const menu = async (page: Page) => (await page.getByRole('navigation', { name: 'Menu chính' }).getByRole('menuitem').allInnerTexts()).map((t) => t.trim());

  it('shows the sign-in page first, in Vietnamese', async () => {
    const page = await e.page();
    await page.goto('/ho-gia-dinh');
    await page.getByRole('button', { name: 'Đăng nhập' }).waitFor();
    expect(page.url()).toMatch(/\/dang-nhap$/);
    await screenshot(page, 'sign-in');
    await page.getByLabel('Tên đăng nhập').fill('vinhloc');
    await page.getByLabel('Mật khẩu').fill('sai-mat-khau');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect(page.getByRole('alert').innerText()).resolves.toMatch(/mật khẩu/i);
  });

  it('the commune officer sees Thị trấn Vĩnh Lộc and the commune menu', async () => {
    const page = await e.page();
    await signIn(page, DEMO.commune.username, DEMO.commune.password);
    await expect(page.getByTestId('unit-heading').innerText()).resolves.toBe('Cán bộ xã — Thị trấn Vĩnh Lộc');
    expect(page.url()).toMatch(/\/ho-gia-dinh$/);
    const items = await menu(page);
    expect(items).toEqual(expect.arrayContaining(['Sổ hộ gia đình', 'Đợt rà soát', 'Chương trình MTQG']));
    expect(items).not.toContain('Tổng quan');
    expect(items.join(' ')).not.toMatch(/Quản trị|Người dùng/);
  });

  it('the district officer sees Huyện Chiêm Hóa, the dashboard, no administration', async () => {
    const page = await e.page();
    await signIn(page, DEMO.district.username, DEMO.district.password);
    await expect(page.getByTestId('unit-heading').innerText()).resolves.toBe('Cán bộ huyện — Huyện Chiêm Hóa');
    const items = await menu(page);
    expect(items).toEqual(expect.arrayContaining(['Tổng quan', 'Sổ hộ gia đình']));
    expect(items.join(' ')).not.toMatch(/Quản trị|Người dùng/);
    // a screen of another role is refused, not shown
    await page.goto('/quan-tri/nguoi-dung');
    await page.getByText('Không có quyền').waitFor();
  });

  it('the administrator sees everything, including Quản trị', async () => {
    const page = await e.page();
    await signIn(page, DEMO.admin.username, DEMO.admin.password);
    await expect(page.getByTestId('unit-heading').innerText()).resolves.toBe('Quản trị viên');
    const items = await menu(page);
    expect(items).toEqual(expect.arrayContaining(['Tổng quan', 'Sổ hộ gia đình', 'Đợt rà soát', 'Chương trình MTQG', 'Quản trị']));
    await screenshot(page, 'home-admin');
    // sign out: back to the sign-in page
    await page.getByRole('button', { name: 'Tài khoản' }).click();
    await page.getByRole('menuitem', { name: 'Đăng xuất' }).click();
    await page.getByRole('button', { name: 'Đăng nhập' }).waitFor();
  });

  it('when the session ends, signs in again over the form: nothing typed is lost, the save goes through', async () => {
    const page = await e.page();
    await signIn(page, DEMO.commune.username, DEMO.commune.password);
    await page.getByRole('button', { name: 'Thêm hộ' }).click();
    await choose(page, page.getByLabel('Thôn, tổ dân phố'));
    await page.getByLabel('Họ và tên').fill('Triệu Văn Phiên');
    await page.getByLabel('Năm sinh').fill('1988');
    // the session ends meanwhile (as after an expiry or a password change elsewhere)
    await e.sql(`UPDATE app_user SET token_version = token_version + 1 WHERE username = $1`, [DEMO.commune.username]);
    await page.getByRole('button', { name: 'Lưu hộ' }).click();
    const modal = page.getByRole('dialog', { name: 'Phiên đăng nhập đã hết hạn' });
    await modal.waitFor();
    await expect(page.getByLabel('Họ và tên', { exact: true }).first().inputValue()).resolves.toBe('Triệu Văn Phiên');
    await screenshot(page, 'session-expired');
    await modal.getByLabel('Mật khẩu').fill(DEMO.commune.password);
    await modal.getByRole('button', { name: 'Đăng nhập' }).click();
    // the save that met the expired session is sent again and lands on the new household
    await page.getByText('Thành viên (1 người)').waitFor();
    expect(await page.getByText('Hộ H').first().innerText()).toMatch(/Triệu Văn Phiên/);
  });
});
