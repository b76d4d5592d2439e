/**
 * `Content-Disposition: attachment` for a Vietnamese file name (RFC 6266 with RFC 5987
 * `filename*`): browsers that read `filename*` get "Danh sách hộ nghèo - Xã Phúc Sơn - 2022.xlsx";
 * the plain `filename` is an ASCII fallback without diacritics ("Danh-sach-ho-ngheo-Xa-Phuc-Son-2022.xlsx").
 */
export function contentDisposition(fileName: string): string {
  const name = fileName.normalize('NFC').replace(/[\u0000-\u001f\u007f"\\/]/g, ' ').replace(/\s+/g, ' ').trim();
  return `attachment; filename="${asciiFileName(name)}"; filename*=UTF-8''${encodeRfc5987(name)}`;
}

/** Letters without diacritics (đ → d), every other run of characters → "-", the extension kept. */
export function asciiFileName(name: string): string {
  const dot = name.lastIndexOf('.');
  const [base, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  const ascii = base
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return (ascii || 'export') + ext.replace(/[^.A-Za-z0-9]/g, '');
}

/** RFC 5987 value-chars: attr-chars stay, everything else is %-encoded UTF-8. */
export function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
