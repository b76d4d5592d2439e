import { describe, expect, it } from 'vitest';
import { ApiError, fileNameOf, queryString, toApiError } from './client';

describe('the API client', () => {
  it.each([
    [`attachment; filename="ds.xlsx"; filename*=UTF-8''Danh%20s%C3%A1ch%20h%E1%BB%99%20ngh%C3%A8o.xlsx`, 'Danh sách hộ nghèo.xlsx'],
    [`attachment; filename*=UTF-8''B%C3%A1o%20c%C3%A1o.xlsx`, 'Báo cáo.xlsx'],
    ['attachment; filename="mau-nhap-ho.xlsx"', 'mau-nhap-ho.xlsx'],
    ['attachment; filename=plain.xlsx', 'plain.xlsx'],
    [`attachment; filename*=UTF-8''%E0%A4%A; filename="fallback.xlsx"`, 'fallback.xlsx'],
    [null, 'tep.xlsx'],
    ['inline', 'tep.xlsx'],
  ])('names the saved file from Content-Disposition %o → %o', (header, name) => {
    expect(fileNameOf(header, 'tep.xlsx')).toBe(name);
  });

  it.each([
    [undefined, ''],
    [{}, ''],
    [{ q: 'nguyen', page: 2 }, '?q=nguyen&page=2'],
    [{ q: '', village: undefined, status: null, dryRun: false }, '?dryRun=false'],
    [{ q: 'Nguyễn Văn' }, '?q=Nguy%E1%BB%85n+V%C4%83n'],
    [{ code: ['a', 'b'] }, '?code=a&code=b'],
  ])('builds the query string of %o', (q, s) => {
    expect(queryString(q as never)).toBe(s);
  });

  it('reads the API error shape, and names other failures', () => {
    const e = toApiError(400, {
      statusCode: 400,
      error: 'Bad Request',
      code: 'VALIDATION_FAILED',
      message: 'head.fullName: bắt buộc',
      details: [{ field: 'head.fullName', message: 'bắt buộc' }],
    });
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', message: 'head.fullName: bắt buộc', details: [{ field: 'head.fullName', message: 'bắt buộc' }] });
    expect(toApiError(502, '<html>bad gateway</html>')).toMatchObject({ status: 502, code: 'INTERNAL', message: 'Máy chủ trả lời lỗi 502', details: [] });
    expect(toApiError(404, undefined)).toMatchObject({ code: 'HTTP_ERROR' });
  });
});
