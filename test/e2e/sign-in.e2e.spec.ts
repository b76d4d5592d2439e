import type { Page } from 'playwright-core';
import { DEMO, E2E, E2E_TIMEOUT, screenshot, signIn, startE2E } from './harness';

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
});
