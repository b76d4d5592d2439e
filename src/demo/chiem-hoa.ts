/**
 * The demo district: Chiêm Hóa (Tuyên Quang), with its 26 commune-level units and their national
 * codes (the national list of administrative units, docs/LAW.md §6). Thị trấn Vĩnh Lộc is the only urban unit.
 * Villages are generated (marked demo): commune-level units here have roughly 8–20 of them.
 */
export const PROVINCE = { code: '08', name: 'Tỉnh Tuyên Quang' };
export const DISTRICT = { code: '073', name: 'Huyện Chiêm Hóa' };
export const DEMO_VALID_FROM = '2020-01-01';
/** The district level ended on 1 Jul 2025 (two-tier local government); the demo stops before. */
export const DISTRICT_VALID_TO = '2025-06-30';

export const COMMUNES: ReadonlyArray<{ code: string; name: string; kind: 'xa' | 'thi_tran' }> = [
  { code: '02287', name: 'Thị trấn Vĩnh Lộc', kind: 'thi_tran' },
  { code: '02299', name: 'Xã Phúc Sơn', kind: 'xa' },
  { code: '02302', name: 'Xã Minh Quang', kind: 'xa' },
  { code: '02305', name: 'Xã Trung Hà', kind: 'xa' },
  { code: '02308', name: 'Xã Tân Mỹ', kind: 'xa' },
  { code: '02311', name: 'Xã Hà Lang', kind: 'xa' },
  { code: '02314', name: 'Xã Hùng Mỹ', kind: 'xa' },
  { code: '02317', name: 'Xã Yên Lập', kind: 'xa' },
  { code: '02320', name: 'Xã Tân An', kind: 'xa' },
  { code: '02323', name: 'Xã Bình Phú', kind: 'xa' },
  { code: '02326', name: 'Xã Xuân Quang', kind: 'xa' },
  { code: '02329', name: 'Xã Ngọc Hội', kind: 'xa' },
  { code: '02332', name: 'Xã Phú Bình', kind: 'xa' },
  { code: '02335', name: 'Xã Hòa Phú', kind: 'xa' },
  { code: '02338', name: 'Xã Phúc Thịnh', kind: 'xa' },
  { code: '02341', name: 'Xã Kiên Đài', kind: 'xa' },
  { code: '02344', name: 'Xã Tân Thịnh', kind: 'xa' },
  { code: '02347', name: 'Xã Trung Hòa', kind: 'xa' },
  { code: '02350', name: 'Xã Kim Bình', kind: 'xa' },
  { code: '02353', name: 'Xã Hòa An', kind: 'xa' },
  { code: '02356', name: 'Xã Vinh Quang', kind: 'xa' },
  { code: '02359', name: 'Xã Tri Phú', kind: 'xa' },
  { code: '02362', name: 'Xã Nhân Lý', kind: 'xa' },
  { code: '02365', name: 'Xã Yên Nguyên', kind: 'xa' },
  { code: '02368', name: 'Xã Linh Phú', kind: 'xa' },
  { code: '02371', name: 'Xã Bình Nhân', kind: 'xa' },
];

/** Plausible village names of the area (Tày place names: Nà, Bản, Khuổi, Pác…), for the demo only. */
export const VILLAGE_NAMES = [
  'Nà Héc', 'Bản Ba', 'Khuổi Củng', 'Pác Cáp', 'Nà Bó', 'Bản Chợ', 'Nà Mè', 'Đồng Đạt', 'Khuôn Hon', 'Nà Lừa',
  'Bản Tát', 'Nà Quang', 'Phiêng Luông', 'Nà Đông', 'Bản Pài', 'Khuổi Trang', 'Nà Ngày', 'Bản Lằn', 'Làng Chang', 'Nà Khà',
];
