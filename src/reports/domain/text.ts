import { viNumber } from './rates';

/**
 * The report's one-sentence summary in Vietnamese, as officers write it ("đạt 122% kế hoạch"):
 * % achieved rounded to a whole number in sentences, 2 decimals elsewhere (docs/RULES.md §4).
 */
export function summarySentence(s: {
  name: string;
  year: number;
  standard: string | null;
  status: 'complete' | 'incomplete' | 'missing';
  poor: { start: number | null; end: number | null; reduction: number | null; rateStart: number | null; rateEnd: number | null; reductionPoints: number | null };
  nearPoor: { end: number | null; rateEnd: number | null };
  plan: { target: number; unit: 'points' | 'households'; achievedPercent: number | null } | null;
  missing: number;
}): string {
  const { name, year, poor } = s;
  if (s.status === 'missing' || poor.end === null) {
    return `${name}, năm ${year}: chưa có xã nào có quyết định công nhận kết quả rà soát.`;
  }
  const pct = (x: number | null) => (x === null ? '—' : `${viNumber(x, 2)}%`);
  const parts: string[] = [];
  if (poor.start === null || poor.reduction === null) {
    parts.push(`${name}, năm ${year}: ${viNumber(poor.end)} hộ nghèo (${pct(poor.rateEnd)}), ${viNumber(s.nearPoor.end ?? 0)} hộ cận nghèo (${pct(s.nearPoor.rateEnd)}); ` +
      `năm đầu tiên theo chuẩn ${s.standard ?? ''}, chưa có số đầu kỳ`);
  } else {
    const fell = poor.reduction >= 0;
    const change = poor.reduction === 0 ? 'không đổi so với đầu năm' : `${fell ? 'giảm' : 'tăng'} ${viNumber(Math.abs(poor.reduction))} hộ so với đầu năm`;
    parts.push(`${name}, năm ${year}: còn ${viNumber(poor.end)} hộ nghèo, ${change}; ` +
      `tỷ lệ hộ nghèo ${fell ? 'giảm' : 'tăng'} từ ${pct(poor.rateStart)} ${fell ? 'xuống' : 'lên'} ${pct(poor.rateEnd)}` +
      (poor.reductionPoints === null ? '' : ` (${fell ? 'giảm' : 'tăng'} ${viNumber(Math.abs(poor.reductionPoints), 2)} điểm phần trăm)`));
    if (s.plan && s.plan.achievedPercent !== null) {
      const target = s.plan.unit === 'points' ? `${viNumber(s.plan.target, 2)} điểm phần trăm` : `${viNumber(s.plan.target)} hộ`;
      parts.push(`đạt ${viNumber(Math.round(s.plan.achievedPercent))}% kế hoạch giao (${target})`);
    }
  }
  if (s.missing > 0) parts.push(`còn ${viNumber(s.missing)} xã chưa có quyết định công nhận, chưa tính vào số liệu`);
  return parts.join(', ') + '.';
}
