/**
 * The National Target Programs as data (docs/RULES.md §6; docs/LAW.md §5), seeded by the
 * migration 1700000008000-Program and editable by an administrator afterwards.
 * Pure data: no framework imports (the migration imports it).
 */
export type ProjectKind = 'component' | 'project' | 'sub_project';
export type BeneficiaryGroup = 'poor' | 'near_poor' | 'recently_escaped' | 'other';

export interface ProjectSeed {
  code: string;
  kind: ProjectKind;
  number: number;
  name: string;
  /**
   * Which household groups may be supported under this node. `undefined`: inherited from the parent,
   * or the default (poor, near-poor, recently escaped) at the top. `[]`: no household beneficiaries.
   */
  beneficiaryGroups?: BeneficiaryGroup[];
  note?: string;
  children?: ProjectSeed[];
}

export interface TargetSeed {
  code: string;
  description: string;
  valueMin: number | null;
  valueMax: number | null;
  /** points_per_year | percent | count | multiple | vnd_billion */
  unit: string;
  note?: string;
}

export interface ProgramSeed {
  code: string;
  name: string;
  shortName: string;
  investmentBasis: string | null;
  decision: string;
  decisionDate: string;
  yearFrom: number;
  yearTo: number;
  phases: { name: string; yearFrom: number; yearTo: number; decision?: string; decisionDate?: string }[];
  note?: string;
  targets: TargetSeed[];
  projects: ProjectSeed[];
}

/** Sub-project names not found in a retrieved source (docs/LAW.md §5.2, marked [M]). */
const TO_CONFIRM = 'Tên và số thứ tự theo tài liệu tham khảo, cần đối chiếu với Quyết định 90/QĐ-TTg.';

export const PROGRAM_2021_2025 = 'GNBV-2021-2025';
export const PROGRAM_2026_2035 = 'MTQG-2026-2035';

export const PROGRAM_SEEDS: ProgramSeed[] = [
  {
    code: PROGRAM_2021_2025,
    name: 'Chương trình mục tiêu quốc gia giảm nghèo bền vững giai đoạn 2021–2025',
    shortName: 'CTMTQG giảm nghèo bền vững 2021–2025',
    investmentBasis: 'Nghị quyết 24/2021/QH15 ngày 28/7/2021 của Quốc hội',
    decision: 'Quyết định 90/QĐ-TTg',
    decisionDate: '2022-01-18',
    yearFrom: 2021,
    yearTo: 2025,
    phases: [{ name: 'Giai đoạn 2021–2025', yearFrom: 2021, yearTo: 2025, decision: 'Quyết định 90/QĐ-TTg', decisionDate: '2022-01-18' }],
    targets: [
      { code: 'MDP_RATE', description: 'Tỷ lệ nghèo đa chiều duy trì mức giảm 1–1,5%/năm', valueMin: 1, valueMax: 1.5, unit: 'points_per_year' },
      { code: 'EM_POOR_RATE', description: 'Tỷ lệ hộ nghèo dân tộc thiểu số giảm trên 3%/năm', valueMin: 3, valueMax: null, unit: 'points_per_year' },
      {
        code: 'POOR_DISTRICT_RATE', description: 'Tỷ lệ hộ nghèo tại các huyện nghèo giảm 4–5%/năm', valueMin: 4, valueMax: 5, unit: 'points_per_year',
        note: 'Có nguồn ghi 4–4,5%/năm; cần đối chiếu Quyết định 90/QĐ-TTg.',
      },
      { code: 'HALVE_POOR_NEAR_POOR', description: 'Giảm một nửa số hộ nghèo, hộ cận nghèo so với đầu kỳ', valueMin: 50, valueMax: null, unit: 'percent' },
      {
        code: 'POOR_DISTRICTS_EXIT', description: '30% huyện nghèo, 30% xã đặc biệt khó khăn vùng bãi ngang, ven biển và hải đảo thoát khỏi tình trạng nghèo, đặc biệt khó khăn',
        valueMin: 30, valueMax: null, unit: 'percent', note: TO_CONFIRM,
      },
      { code: 'SUSTAINABLE_JOB', description: 'Mỗi hộ nghèo, hộ cận nghèo có ít nhất một thành viên trong độ tuổi lao động có việc làm bền vững', valueMin: 100, valueMax: null, unit: 'percent' },
      { code: 'CHILD_SCHOOLING', description: '90% trẻ em thuộc hộ nghèo, hộ cận nghèo đi học đúng độ tuổi', valueMin: 90, valueMax: null, unit: 'percent' },
      { code: 'MODELS', description: 'Hỗ trợ xây dựng, nhân rộng trên 1.000 mô hình giảm nghèo', valueMin: 1000, valueMax: null, unit: 'count' },
      { code: 'WORKERS_TRAINED', description: '60% người lao động vùng nghèo, vùng khó khăn được đào tạo', valueMin: 60, valueMax: null, unit: 'percent' },
      { code: 'FUNDS_TOTAL', description: 'Tổng vốn thực hiện Chương trình tối thiểu 75.000 tỷ đồng', valueMin: 75_000, valueMax: null, unit: 'vnd_billion' },
      { code: 'FUNDS_CENTRAL', description: 'Vốn ngân sách trung ương', valueMin: 48_000, valueMax: null, unit: 'vnd_billion' },
      { code: 'FUNDS_LOCAL', description: 'Vốn ngân sách địa phương', valueMin: 12_600, valueMax: null, unit: 'vnd_billion' },
      { code: 'FUNDS_OTHER', description: 'Vốn huy động hợp pháp khác', valueMin: 14_300, valueMax: null, unit: 'vnd_billion' },
    ],
    projects: [
      {
        code: 'GNBV21-DA1', kind: 'project', number: 1,
        name: 'Hỗ trợ đầu tư phát triển hạ tầng kinh tế – xã hội các huyện nghèo, các xã đặc biệt khó khăn vùng bãi ngang, ven biển và hải đảo',
        // infrastructure: works and projects, no household is supported directly
        beneficiaryGroups: [],
        note: 'Hai nhóm đối tượng: (a) huyện nghèo; (b) xã đặc biệt khó khăn vùng bãi ngang, ven biển và hải đảo. Chủ yếu vốn đầu tư phát triển.',
      },
      { code: 'GNBV21-DA2', kind: 'project', number: 2, name: 'Đa dạng hóa sinh kế, phát triển mô hình giảm nghèo' },
      {
        code: 'GNBV21-DA3', kind: 'project', number: 3, name: 'Hỗ trợ phát triển sản xuất, cải thiện dinh dưỡng',
        children: [
          { code: 'GNBV21-DA3-TDA1', kind: 'sub_project', number: 1, name: 'Hỗ trợ phát triển sản xuất trong lĩnh vực nông nghiệp' },
          { code: 'GNBV21-DA3-TDA2', kind: 'sub_project', number: 2, name: 'Cải thiện dinh dưỡng' },
        ],
      },
      {
        code: 'GNBV21-DA4', kind: 'project', number: 4, name: 'Phát triển giáo dục nghề nghiệp, việc làm bền vững',
        // vocational training and jobs are open to workers of poor areas beyond the lists
        beneficiaryGroups: ['poor', 'near_poor', 'recently_escaped', 'other'],
        note: 'Người lao động thuộc hộ nghèo, hộ cận nghèo, hộ mới thoát nghèo và người lao động vùng nghèo, vùng khó khăn (nhóm "khác" chỉ ở địa bàn áp dụng dự án).',
        children: [
          { code: 'GNBV21-DA4-TDA1', kind: 'sub_project', number: 1, name: 'Phát triển giáo dục nghề nghiệp vùng nghèo, vùng khó khăn' },
          { code: 'GNBV21-DA4-TDA2', kind: 'sub_project', number: 2, name: 'Hỗ trợ người lao động đi làm việc ở nước ngoài theo hợp đồng', note: TO_CONFIRM },
          { code: 'GNBV21-DA4-TDA3', kind: 'sub_project', number: 3, name: 'Hỗ trợ việc làm bền vững', note: TO_CONFIRM },
        ],
      },
      {
        code: 'GNBV21-DA5', kind: 'project', number: 5, name: 'Hỗ trợ nhà ở cho hộ nghèo, hộ cận nghèo trên địa bàn các huyện nghèo',
        // housing support is for poor and near-poor households only
        beneficiaryGroups: ['poor', 'near_poor'],
        note: 'Chỉ thực hiện tại các huyện nghèo: đánh dấu "không áp dụng" cho địa bàn khác.',
      },
      {
        code: 'GNBV21-DA6', kind: 'project', number: 6, name: 'Truyền thông và giảm nghèo về thông tin',
        children: [
          { code: 'GNBV21-DA6-TDA1', kind: 'sub_project', number: 1, name: 'Giảm nghèo về thông tin', note: TO_CONFIRM },
          { code: 'GNBV21-DA6-TDA2', kind: 'sub_project', number: 2, name: 'Truyền thông về giảm nghèo đa chiều', note: TO_CONFIRM },
        ],
      },
      {
        code: 'GNBV21-DA7', kind: 'project', number: 7, name: 'Nâng cao năng lực và giám sát, đánh giá Chương trình',
        // capacity building of officials and M&E: no household beneficiaries
        beneficiaryGroups: [],
        children: [
          { code: 'GNBV21-DA7-TDA1', kind: 'sub_project', number: 1, name: 'Nâng cao năng lực thực hiện Chương trình', note: TO_CONFIRM },
          { code: 'GNBV21-DA7-TDA2', kind: 'sub_project', number: 2, name: 'Giám sát, đánh giá', note: TO_CONFIRM },
        ],
      },
    ],
  },
  {
    code: PROGRAM_2026_2035,
    name: 'Chương trình mục tiêu quốc gia xây dựng nông thôn mới, giảm nghèo bền vững và phát triển kinh tế – xã hội vùng đồng bào dân tộc thiểu số và miền núi giai đoạn 2026–2035',
    shortName: 'CTMTQG hợp nhất 2026–2035',
    investmentBasis: 'Nghị quyết của Quốc hội về chủ trương đầu tư, thông qua ngày 11/12/2025',
    decision: 'Quyết định 417/QĐ-BNNMT',
    decisionDate: '2026-01-31',
    yearFrom: 2026,
    yearTo: 2035,
    phases: [{ name: 'Giai đoạn I', yearFrom: 2026, yearTo: 2030, decision: 'Quyết định 417/QĐ-BNNMT', decisionDate: '2026-01-31' }],
    note: 'Hợp nhất ba chương trình mục tiêu quốc gia giai đoạn 2021–2025. Danh mục hợp phần, dự án chưa được cập nhật: quản trị viên bổ sung khi có văn bản.',
    targets: [
      { code: 'MDP_RATE', description: 'Tỷ lệ nghèo đa chiều tiếp tục giảm 1–1,5%/năm', valueMin: 1, valueMax: 1.5, unit: 'points_per_year' },
      { code: 'EM_AREA_MDP_RATE', description: 'Tỷ lệ nghèo đa chiều vùng đồng bào dân tộc thiểu số và miền núi giảm xuống dưới 10%', valueMin: null, valueMax: 10, unit: 'percent' },
      { code: 'RURAL_INCOME', description: 'Thu nhập bình quân của người dân nông thôn năm 2030 tăng 2,5–3 lần so với năm 2020', valueMin: 2.5, valueMax: 3, unit: 'multiple' },
      { code: 'FUNDS_CENTRAL', description: 'Vốn ngân sách trung ương giai đoạn 2026–2030 (70.000 tỷ đầu tư phát triển, 30.000 tỷ sự nghiệp)', valueMin: 100_000, valueMax: null, unit: 'vnd_billion' },
      { code: 'FUNDS_LOCAL', description: 'Vốn ngân sách địa phương giai đoạn 2026–2030', valueMin: 300_000, valueMax: null, unit: 'vnd_billion' },
      { code: 'FUNDS_CREDIT', description: 'Vốn tín dụng chính sách giai đoạn 2026–2030', valueMin: 23_000, valueMax: null, unit: 'vnd_billion' },
    ],
    projects: [],
  },
];

/** The default groups when neither a node nor any ancestor says otherwise. */
export const DEFAULT_BENEFICIARY_GROUPS: BeneficiaryGroup[] = ['poor', 'near_poor', 'recently_escaped'];

export const KIND_LABEL: Record<ProjectKind, string> = { component: 'Hợp phần', project: 'Dự án', sub_project: 'Tiểu dự án' };
