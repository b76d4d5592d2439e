/**
 * The national poverty standards as seed data (docs/RULES.md §1). They are data, not code: an
 * administrator edits them through the API; the migration only inserts this first version.
 */
export interface SeedIndicator { key: string; nameVi: string; nameEn: string; dimension: string }
export interface SeedDimension { key: string; nameVi: string; nameEn: string }
export interface SeedStandard {
  code: string;
  title: string;
  decree: string;
  listYearFrom: number;
  listYearTo: number;
  deprivationCutoff: number;
  b2PointsPerIndicator: number;
  provisional: boolean;
  lines: { areaType: 'rural' | 'urban'; incomeLine: number; averageUpper: number | null; b1Cutoff: number | null }[];
  dimensions: SeedDimension[];
  indicators: SeedIndicator[];
}

const DIMENSIONS_ND07: SeedDimension[] = [
  { key: 'employment', nameVi: 'Việc làm', nameEn: 'Employment' },
  { key: 'health', nameVi: 'Y tế', nameEn: 'Health' },
  { key: 'education', nameVi: 'Giáo dục', nameEn: 'Education' },
  { key: 'housing', nameVi: 'Nhà ở', nameEn: 'Housing' },
  { key: 'waterSanitation', nameVi: 'Nước sinh hoạt và vệ sinh', nameEn: 'Domestic water and sanitation' },
  { key: 'information', nameVi: 'Thông tin', nameEn: 'Information' },
];

/** Decree 07/2021/NĐ-CP Art. 3.1.b: 6 dimensions, 12 indicators (docs/LAW.md §1.3). */
const INDICATORS_ND07: SeedIndicator[] = [
  { key: 'employment', nameVi: 'Việc làm', nameEn: 'Employment', dimension: 'employment' },
  { key: 'dependants', nameVi: 'Người phụ thuộc trong hộ gia đình', nameEn: 'Dependants in the household', dimension: 'employment' },
  { key: 'nutrition', nameVi: 'Dinh dưỡng', nameEn: 'Nutrition', dimension: 'health' },
  { key: 'healthInsurance', nameVi: 'Bảo hiểm y tế', nameEn: 'Health insurance', dimension: 'health' },
  { key: 'adultEducation', nameVi: 'Trình độ giáo dục của người lớn', nameEn: 'Adult education level', dimension: 'education' },
  { key: 'childSchooling', nameVi: 'Tình trạng đi học của trẻ em', nameEn: 'School attendance of children', dimension: 'education' },
  { key: 'housingQuality', nameVi: 'Chất lượng nhà ở', nameEn: 'Housing quality', dimension: 'housing' },
  { key: 'housingArea', nameVi: 'Diện tích nhà ở bình quân đầu người', nameEn: 'Housing area per person', dimension: 'housing' },
  { key: 'water', nameVi: 'Nguồn nước sinh hoạt', nameEn: 'Domestic water source', dimension: 'waterSanitation' },
  { key: 'sanitation', nameVi: 'Nhà tiêu hợp vệ sinh', nameEn: 'Hygienic latrine', dimension: 'waterSanitation' },
  { key: 'telecom', nameVi: 'Sử dụng dịch vụ viễn thông', nameEn: 'Use of telecommunication services', dimension: 'information' },
  { key: 'informationAssets', nameVi: 'Phương tiện phục vụ tiếp cận thông tin', nameEn: 'Means of access to information', dimension: 'information' },
];

export const STANDARD_SEEDS: SeedStandard[] = [
  {
    code: 'ND07-2021',
    title: 'Chuẩn nghèo đa chiều giai đoạn 2022–2025 (kéo dài đến hết năm 2026)',
    decree: 'Nghị định 07/2021/NĐ-CP; Nghị định 351/2025/NĐ-CP (áp dụng năm 2026)',
    listYearFrom: 2022,
    listYearTo: 2026,
    deprivationCutoff: 3,
    b2PointsPerIndicator: 10,
    provisional: false,
    // B1 cut-offs 140 / 175: to be confirmed against Circular 07/2021 (docs/RULES.md §2), hence data.
    lines: [
      { areaType: 'rural', incomeLine: 1_500_000, averageUpper: 2_250_000, b1Cutoff: 140 },
      { areaType: 'urban', incomeLine: 2_000_000, averageUpper: 3_000_000, b1Cutoff: 175 },
    ],
    dimensions: DIMENSIONS_ND07,
    indicators: INDICATORS_ND07,
  },
  {
    code: 'ND351-2025',
    title: 'Chuẩn nghèo đa chiều quốc gia giai đoạn 2026–2030 (áp dụng 2027–2030)',
    decree: 'Nghị định 351/2025/NĐ-CP',
    listYearFrom: 2027,
    listYearTo: 2030,
    deprivationCutoff: 3,
    b2PointsPerIndicator: 10,
    // Indicator set from the draft and the National Office's description: confirm against the
    // decree's Appendix (docs/LAW.md §2). Average band not published: null.
    provisional: true,
    lines: [
      { areaType: 'rural', incomeLine: 2_200_000, averageUpper: null, b1Cutoff: null },
      { areaType: 'urban', incomeLine: 2_800_000, averageUpper: null, b1Cutoff: null },
    ],
    dimensions: DIMENSIONS_ND07.map((d) =>
      d.key === 'waterSanitation'
        ? { key: d.key, nameVi: 'Nước sinh hoạt, vệ sinh và môi trường', nameEn: 'Domestic water, sanitation and environment' }
        : d,
    ),
    indicators: [
      ...INDICATORS_ND07.filter((i) => i.key !== 'informationAssets').map((i) =>
        i.key === 'telecom' ? { ...i, nameVi: 'Sử dụng dịch vụ viễn thông và internet', nameEn: 'Use of telecommunication and internet services' } : i,
      ),
      { key: 'wasteTreatment', nameVi: 'Xử lý rác thải sinh hoạt', nameEn: 'Domestic waste treatment', dimension: 'waterSanitation' },
    ],
  },
];
