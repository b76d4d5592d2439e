/** What the round screens call the round's states and kinds (docs/RULES.md §1, §3). */
import type { RoundKind, RoundStatus } from '@domain/reviews/domain/round-state';

export const STATUS_LABEL: Record<RoundStatus, string> = {
  draft: 'Dự thảo', surveying: 'Đang rà soát, điều tra', meeting: 'Đã họp thôn', posted: 'Đang niêm yết',
  opinion: 'Đã có ý kiến cấp huyện', decided: 'Đã quyết định', reported: 'Đã báo cáo',
};
export const KIND_LABEL: Record<RoundKind, string> = { periodic: 'Định kỳ', regular: 'Thường xuyên', baseline: 'Số liệu ban đầu' };
export { CLASS_COLOR, CLASS_LABEL } from '../register/labels';
