import { DomainError } from '../../src/common/errors/domain-error';
import type { SummaryNode, SummaryReport } from '../../src/exports/report-inputs';
import { buildSummaryWorkbook } from '../../src/exports/workbooks/summary-workbook';
import { breakdownsFor, communeLeaves, districtSummary, INDICATORS, provinceSummary, sumNode, DISTRICT } from './fixtures';
import { formula, merges, num, readXlsx, rowOf } from './xlsx-read';

/** Builds, writes and reads back: what a user opening the file sees. */
async function roundTrip(s: SummaryReport) {
  const wb = buildSummaryWorkbook(s, breakdownsFor(s), { date: new Date('2023-01-05T00:00:00Z') });
  return readXlsx(Buffer.from(await wb.xlsx.writeBuffer()));
}

const code = (err: unknown) => (err instanceof DomainError ? err.code : String(err));

describe('summary workbook (tables 1–13 in the official layouts)', () => {
  it('has the 13 official tables as sheets, then the plan', async () => {
    const wb = await roundTrip(districtSummary());
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '1. Kết quả rà soát', '2. Diễn biến hộ nghèo', '3. Diễn biến hộ cận nghèo',
      '4. Thiếu hụt của hộ nghèo', '5. Tỷ lệ thiếu hụt hộ nghèo', '6. Thiếu hụt của hộ cận nghèo', '7. Tỷ lệ thiếu hụt hộ cận nghèo',
      '8. Nhóm đối tượng', '9. Dân tộc', '10. Nguyên nhân nghèo', '11. Trẻ em', '12. Hộ nghèo đa chiều', '13. Hộ cận nghèo đa chiều',
      '14. Giảm nghèo và kế hoạch',
    ]);
  });

  it('table 1: the motto header block, title, merged headings, numbering row, frozen panes and A4 landscape', async () => {
    const ws = (await roundTrip(districtSummary())).getWorksheet('1. Kết quả rà soát')!;
    expect(ws.getCell('A1').value).toBe('ỦY BAN NHÂN DÂN');
    expect(ws.getCell('A2').value).toBe('HUYỆN CHIÊM HÓA');
    const right = ws.getRow(1).values as unknown[];
    expect(right).toContain('CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(ws.getRow(2).values as unknown[]).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(ws.getCell('A4').value).toBe('TỔNG HỢP KẾT QUẢ CHÍNH THỨC RÀ SOÁT HỘ NGHÈO; HỘ CẬN NGHÈO; HỘ LÀM NÔNG, LÂM, NGƯ NGHIỆP CÓ MỨC SỐNG TRUNG BÌNH');
    // headings: TT and the unit over 3 heading rows; "Tổng số hộ dân cư" over Số hộ / Nhân khẩu; the two result blocks
    expect(merges(ws)).toEqual(expect.arrayContaining(['A6:A8', 'B6:B8', 'C6:D6', 'C7:C8', 'D7:D8', 'E6:J6', 'K6:P6', 'E7:F7', 'G7:H7', 'I7:J7']));
    expect(ws.getCell('C6').value).toBe('Tổng số hộ dân cư (tại thời điểm rà soát)');
    expect(ws.getCell('E6').value).toBe('Kết quả rà soát về hộ (chính thức)');
    expect(ws.getCell('K6').value).toBe('Kết quả rà soát về khẩu (chính thức)');
    expect(ws.getCell('E7').value).toBe('Tổng số hộ nghèo');
    expect(ws.getCell('F8').value).toBe('Tỷ lệ (%)');
    expect((ws.getRow(9).values as unknown[]).slice(1)).toEqual([
      'A', 'B', '1', '2', '3', '4=3/1*100', '5', '6=5/1*100', '7', '8=7/1*100', '9', '10=9/2*100', '11', '12=11/2*100', '13', '14=13/2*100',
    ]);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: 9 });
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    expect(ws.pageSetup.printTitlesRow).toBe('6:9');
  });

  it('table 1: cells hold the report figures as numbers, the total is the SUM of the communes, rates have 2 decimals', async () => {
    const s = districtSummary();
    const ws = (await roundTrip(s)).getWorksheet('1. Kết quả rà soát')!;
    const top = rowOf(ws, 'Huyện Chiêm Hóa');
    expect(top).toBe(10);
    expect(ws.getCell(`A${top}`).value).toBeNull();
    expect(ws.getCell(`B${top}`).font?.bold).toBe(true);
    expect(num(ws, `C${top}`)).toBe(s.households.end);
    expect(num(ws, `D${top}`)).toBe(s.persons.end);
    expect(num(ws, `E${top}`)).toBe(s.poor.end);
    expect(num(ws, `F${top}`)).toBe(s.poor.rateEnd);
    expect(num(ws, `G${top}`)).toBe(s.nearPoor.end);
    expect(num(ws, `H${top}`)).toBe(s.nearPoor.rateEnd);
    expect(num(ws, `I${top}`)).toBe(s.farmAverage!.households);
    expect(num(ws, `K${top}`)).toBe(s.poor.persons!.end);
    expect(formula(ws, `C${top}`)).toBe('SUM(C11:C13)');
    expect(formula(ws, `F${top}`)).toBe(`ROUND(E${top}/C${top}*100,2)`);
    s.children!.forEach((c, i) => {
      const r = top + 1 + i;
      expect(ws.getCell(`A${r}`).value).toBe(String(i + 1));
      expect(ws.getCell(`B${r}`).value).toBe(c.unit.name);
      expect(ws.getCell(`B${r}`).font?.bold).toBeFalsy();
      expect(ws.getCell(`C${r}`).value).toBe(c.households.end); // a plain number
      expect(num(ws, `F${r}`)).toBe(c.poor.rateEnd);
    });
    // every count of the total row is the sum of the rows below it
    for (const col of ['C', 'D', 'E', 'G', 'I', 'K', 'M', 'O']) {
      const sum = [11, 12, 13].reduce((a, r) => a + (num(ws, `${col}${r}`) as number), 0);
      expect(num(ws, `${col}${top}`)).toBe(sum);
    }
    for (const col of ['F', 'H', 'J', 'L', 'N', 'P']) {
      for (const r of [top, 11, 12, 13]) {
        expect(typeof num(ws, `${col}${r}`)).toBe('number');
        expect(ws.getCell(`${col}${r}`).numFmt).toBe('0.00');
        expect(num(ws, `${col}${r}`)).toBeLessThanOrEqual(100);
      }
    }
  });

  it('table 1: the place-and-date line and the signature block close the sheet', async () => {
    const ws = (await roundTrip(districtSummary())).getWorksheet('1. Kết quả rà soát')!;
    const texts: string[] = [];
    ws.eachRow((row) => row.eachCell((c) => { if (typeof c.value === 'string') texts.push(c.value); }));
    expect(texts).toEqual(expect.arrayContaining(['Chiêm Hóa, ngày …… tháng …… năm 2023', 'NGƯỜI LẬP BIỂU', 'TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH', '(Ký, ghi rõ họ tên)', '(Ký tên, đóng dấu)']));
  });

  it('table 2: rows "Hộ" / "Nhân khẩu" per unit, the end column 9 = 1 − 2 − 3 − 4 + 5 + 6 + 7 + 8', async () => {
    const s = districtSummary();
    const ws = (await roundTrip(s)).getWorksheet('2. Diễn biến hộ nghèo')!;
    expect(ws.getCell('D6').value).toBe('Tổng số hộ nghèo đầu kỳ');
    expect(ws.getCell('E6').value).toBe('Diễn biến giảm số hộ nghèo');
    expect(ws.getCell('E7').value).toBe('Số hộ thoát nghèo');
    expect(ws.getCell('E8').value).toBe('Trở thành hộ cận nghèo');
    expect(ws.getCell('L9').value).toBe('9=1-2-3-4+5+6+7+8');
    expect(merges(ws)).toEqual(expect.arrayContaining(['D6:D8', 'E6:G6', 'E7:F7', 'G7:G8', 'H6:K6', 'H7:H8', 'I7:J7', 'K7:K8', 'L6:L8']));
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 3, ySplit: 9 });
    const top = rowOf(ws, 'Huyện Chiêm Hóa');
    expect(ws.getCell(`C${top}`).value).toBe('Hộ');
    expect(ws.getCell(`C${top + 1}`).value).toBe('Nhân khẩu');
    expect(merges(ws)).toEqual(expect.arrayContaining([`A${top}:A${top + 1}`, `B${top}:B${top + 1}`]));
    const m = s.poor.movement!;
    expect([4, 5, 6, 7, 8, 9, 10, 11, 12].map((c) => num(ws, `${String.fromCharCode(64 + c)}${top}`))).toEqual([
      s.poor.start, m.toNearPoor, m.aboveNearPoor, m.otherOut, m.fromNearPoor, m.fellBack, m.newlyPoor, m.otherIn, s.poor.end,
    ]);
    expect(num(ws, `L${top + 1}`)).toBe(s.poor.persons!.end);
    expect(formula(ws, `L${top}`)).toBe(`D${top}-E${top}-F${top}-G${top}+H${top}+I${top}+J${top}+K${top}`);
    // every row reconciles, households and persons
    for (let r = top; r < top + 8; r++) {
      const v = (c: string) => num(ws, `${c}${r}`) as number;
      expect(v('L')).toBe(v('D') - v('E') - v('F') - v('G') + v('H') + v('I') + v('J') + v('K'));
    }
    // the district's households row is the sum of the communes' households rows
    expect(formula(ws, `D${top}`)).toBe(`SUM(D${top + 2},D${top + 4},D${top + 6})`);
  });

  it('table 3: the near-poor movement mirrors table 2 (2 → 5 and 5 → 3)', async () => {
    const s = districtSummary();
    const wb = await roundTrip(s);
    const t2 = wb.getWorksheet('2. Diễn biến hộ nghèo')!;
    const t3 = wb.getWorksheet('3. Diễn biến hộ cận nghèo')!;
    const top = rowOf(t3, 'Huyện Chiêm Hóa');
    expect(t3.getCell('D6').value).toBe('Tổng số hộ cận nghèo đầu kỳ');
    expect(num(t3, `D${top}`)).toBe(s.nearPoor.start);
    expect(num(t3, `L${top}`)).toBe(s.nearPoor.end);
    expect(num(t3, `H${top}`)).toBe(num(t2, `E${top}`)); // poor → near-poor
    expect(num(t3, `F${top}`)).toBe(num(t2, `H${top}`)); // near-poor → poor
  });

  it('a province: districts in bold numbered 1, 2 with their communes 1.1, 1.2…', async () => {
    const s = provinceSummary();
    const ws = (await roundTrip(s)).getWorksheet('1. Kết quả rà soát')!;
    const col = (c: string) => [10, 11, 12, 13, 14, 15, 16, 17].map((r) => ws.getCell(`${c}${r}`).value);
    expect(col('A')).toEqual([null, '1', '1.1', '1.2', '1.3', '2', '2.1', '2.2']);
    expect(col('B')).toEqual(['Tỉnh Tuyên Quang', 'Huyện Chiêm Hóa', 'Thị trấn Vĩnh Lộc', 'Xã Phúc Sơn', 'Xã Minh Quang', 'Huyện Hàm Yên', 'Xã Hàm 1', 'Xã Hàm 2']);
    expect([10, 11, 12, 15, 16].map((r) => !!ws.getCell(`B${r}`).font?.bold)).toEqual([true, true, false, true, false]);
    expect(formula(ws, 'C10')).toBe('SUM(C11,C15)');
    expect(formula(ws, 'C11')).toBe('SUM(C12:C14)');
    expect(num(ws, 'C10')).toBe(s.households.end);
    expect(num(ws, 'C10')).toBe((num(ws, 'C11') as number) + (num(ws, 'C15') as number));
  });

  it('tables 4–5: deprivation counts, and shares as numbers with 2 decimals', async () => {
    const s = districtSummary();
    const b = breakdownsFor(s);
    const wb = await roundTrip(s);
    const t4 = wb.getWorksheet('4. Thiếu hụt của hộ nghèo')!;
    const t5 = wb.getWorksheet('5. Tỷ lệ thiếu hụt hộ nghèo')!;
    expect(t4.getCell('A4').value).toBe('PHÂN TÍCH CÁC CHỈ SỐ THIẾU HỤT DỊCH VỤ XÃ HỘI CƠ BẢN CỦA HỘ NGHÈO');
    expect(t4.getCell('E7').value).toBe(INDICATORS[0].name);
    expect(t4.getCell('P7').value).toBe(INDICATORS[11].name);
    const top = rowOf(t4, 'Huyện Chiêm Hóa');
    expect(num(t4, `C${top}`)).toBe(b.deprivations.poor.households);
    const byInd = INDICATORS.map((x) => b.deprivations.poor.byIndicator[x.key]);
    expect(INDICATORS.map((_, i) => num(t4, `${String.fromCharCode(69 + i)}${top}`))).toEqual(byInd);
    expect(num(t4, `D${top}`)).toBe(byInd.reduce((a, x) => a + x, 0));
    const r5 = rowOf(t5, 'Huyện Chiêm Hóa');
    const d = b.deprivations.poor;
    INDICATORS.forEach((x, i) => {
      const cell = `${String.fromCharCode(68 + i)}${r5}`;
      expect(t5.getCell(cell).value).toBe(Math.round((d.byIndicator[x.key] / d.households) * 10000) / 100);
      expect(t5.getCell(cell).numFmt).toBe('0.00');
    });
  });

  it('tables 8–13 carry the breakdowns, with totals that are the sums of the communes', async () => {
    const s = districtSummary();
    const b = breakdownsFor(s);
    const wb = await roundTrip(s);
    const t8 = wb.getWorksheet('8. Nhóm đối tượng')!;
    const top8 = rowOf(t8, 'Huyện Chiêm Hóa');
    expect(num(t8, `D${top8}`)).toBe(b.targetGroups.poor.total.households);
    expect(num(t8, `D${top8 + 1}`)).toBe(b.targetGroups.poor.total.persons);
    expect(num(t8, `E${top8}`)).toBe(b.targetGroups.poor.ethnicMinority.households);
    const t9 = wb.getWorksheet('9. Dân tộc')!;
    const top9 = rowOf(t9, 'Huyện Chiêm Hóa');
    // Tổng số = Kinh + DTTS; DTTS = Tày + Dao
    expect(formula(t9, `D${top9}`)).toBe(`E${top9}+F${top9}`);
    expect(formula(t9, `F${top9}`)).toBe(`G${top9}+H${top9}`);
    expect(num(t9, `D${top9}`)).toBe(b.targetGroups.poor.total.households);
    const t10 = wb.getWorksheet('10. Nguyên nhân nghèo')!;
    const top10 = rowOf(t10, 'Huyện Chiêm Hóa');
    expect(num(t10, `D${top10}`)).toBe(b.causes.poor['1']);
    const t11 = wb.getWorksheet('11. Trẻ em')!;
    expect(num(t11, `C${rowOf(t11, 'Huyện Chiêm Hóa')}`)).toBe(b.childDeprivations.poor.children);
    const t12 = wb.getWorksheet('12. Hộ nghèo đa chiều')!;
    const top12 = rowOf(t12, 'Huyện Chiêm Hóa');
    expect(num(t12, `C${top12}`)).toBe(s.households.end);
    expect(num(t12, `K${top12}`)).toBe(s.poor.end);
    expect(num(t12, `V${top12}`)).toBe(s.poor.rateEnd);
    expect(t12.getCell(`V${top12}`).numFmt).toBe('0.00');
  });

  it('the plan sheet: reduction in households and points, the plan and % achieved', async () => {
    const s = districtSummary();
    const ws = (await roundTrip(s)).getWorksheet('14. Giảm nghèo và kế hoạch')!;
    const top = rowOf(ws, 'Huyện Chiêm Hóa');
    expect(num(ws, `E${top}`)).toBe(s.poor.rateStart);
    expect(num(ws, `H${top}`)).toBe(s.poor.rateEnd);
    expect(num(ws, `I${top}`)).toBe(s.poor.reduction);
    expect(num(ws, `J${top}`)).toBe(s.poor.reductionPoints);
    expect(num(ws, `M${top}`)).toBe(2);
    expect(ws.getCell(`N${top}`).value).toBe('điểm %');
    expect(num(ws, `O${top}`)).toBe(s.plan!.achievedPercent);
  });

  it('writes a unit name starting with "=" as text, never as a formula', async () => {
    const s = districtSummary();
    s.children![1].unit.name = '=HYPERLINK("http://x","y")';
    const ws = (await roundTrip(s)).getWorksheet('1. Kết quả rà soát')!;
    expect(ws.getCell('B12').value).toBe('=HYPERLINK("http://x","y")');
    expect(ws.getCell('B12').type).toBe(3); // ValueType.String
  });

  it('a baseline year: no start or movement, the end as given', async () => {
    const s = districtSummary();
    const strip = (n: SummaryNode) => {
      n.poor.start = null; n.poor.movement = null; n.nearPoor.start = null; n.nearPoor.movement = null;
      n.poor.persons = { ...n.poor.persons!, start: null, movement: null };
      n.nearPoor.persons = { ...n.nearPoor.persons!, start: null, movement: null };
      n.children?.forEach(strip);
    };
    strip(s);
    const ws = (await roundTrip(s)).getWorksheet('2. Diễn biến hộ nghèo')!;
    const top = rowOf(ws, 'Huyện Chiêm Hóa');
    expect(ws.getCell(`D${top}`).value).toBeNull();
    expect(ws.getCell(`E${top}`).value).toBeNull();
    expect(num(ws, `L${top}`)).toBe(s.poor.end);
    expect(ws.getCell(`L${top + 2}`).value).toBe(s.children![0].poor.end);
  });

  it('shows a commune without a decided round as missing (blank, named in a note), not as zero', async () => {
    const leaves = communeLeaves(3);
    const s: SummaryReport = { ...sumNode(DISTRICT, leaves.slice(0, 2)), year: 2022, standard: 'ND07-2021' };
    s.children = [...s.children!, { ...leaves[2], missing: true }];
    const ws = (await roundTrip(s)).getWorksheet('1. Kết quả rà soát')!;
    expect(ws.getCell('B13').value).toBe('Xã Minh Quang');
    expect(ws.getCell('C13').value).toBeNull();
    expect(num(ws, 'C10')).toBe(s.households.end);
    const texts: string[] = [];
    ws.eachRow((row) => row.eachCell((c) => { if (typeof c.value === 'string') texts.push(c.value); }));
    expect(texts.some((t) => t.startsWith('Đơn vị chưa có kết quả rà soát') && t.includes('Xã Minh Quang'))).toBe(true);
  });

  describe('refuses to write a wrong report', () => {
    const cases: [string, (s: SummaryReport) => void, string][] = [
      ['a total that is not the sum of its communes', (s) => { s.households.end += 1; }, 'tổng số hộ'],
      ['a movement that does not reconcile', (s) => { s.children![0].poor.movement!.newlyPoor += 1; s.children![0].nearPoor.movement!.fromPoor += 0; }, 'biểu 2 cột 9'],
      ['a rate above 100 % (denominator missing)', (s) => { s.children![0].persons.end = 0; }, ''],
      ['poor → near-poor not mirrored in table 3', (s) => { s.children![0].nearPoor.movement!.fromPoor += 1; }, 'biểu 3'],
      ['a rate that does not match the counts', (s) => { s.children![1].poor.rateEnd += 0.5; }, 'tỷ lệ hộ nghèo'],
    ];
    it.each(cases)('%s', (_name, spoil, message) => {
      const s = districtSummary();
      spoil(s);
      let err: unknown;
      try {
        buildSummaryWorkbook(s, breakdownsFor(districtSummary()));
      } catch (e) {
        err = e;
      }
      expect(code(err)).toBe('REPORT_INCONSISTENT');
      expect((err as Error).message).toContain(message);
    });
  });
});
