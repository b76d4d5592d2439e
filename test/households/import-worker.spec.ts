import ExcelJS from 'exceljs';
import { join } from 'node:path';
import type { ParserMessage } from '../../src/households/import/household-file-parser';
import { runHouseholdParser } from '../../src/households/import/run-parser';

/**
 * The import's parser runs in a worker thread in the built service; the other tests run the
 * TypeScript sources, where it runs in the calling thread. This test starts the real worker
 * (its TypeScript compiled on the fly with swc) and checks it says exactly what the in-thread
 * parser says, refusals included.
 */
const WORKER = join(__dirname, '../../src/households/import/household-file.worker.ts');
const BOOT = `
  const { readFileSync } = require('node:fs');
  const { transformSync } = require('@swc/core');
  require.extensions['.ts'] = (module, filename) => {
    const out = transformSync(readFileSync(filename, 'utf8'), {
      filename, module: { type: 'commonjs' },
      jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2022' },
    });
    module._compile(out.code, filename);
  };
  require(${JSON.stringify(WORKER)});
`;

async function file(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Hộ và thành viên');
  ws.addRow(['Mã hộ', 'Thôn/Tổ dân phố', 'Họ và tên', 'Quan hệ với chủ hộ', 'Giới tính', 'Năm sinh', 'Dân tộc', 'Số CCCD/CMND']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function collect(buffer: Buffer, worker: boolean): Promise<ParserMessage[] | { code: string; details: unknown }> {
  const msgs: ParserMessage[] = [];
  try {
    await runHouseholdParser(
      { buffer, fileName: 'x.xlsx', villages: [{ code: 'V-01', name: 'Thôn Nà Héc' }], today: '2026-01-01', batchSize: 2, firstGeneratedNumber: 7, prepare: true },
      async (m) => void msgs.push(m),
      worker ? { worker: { script: BOOT, eval: true } } : {},
    );
    return msgs;
  } catch (e) {
    return { code: (e as { code: string }).code, details: (e as { details: unknown }).details };
  }
}

describe('household import parser in a worker thread', () => {
  it('gives the same batches and problems as in the calling thread', async () => {
    const buf = await file([
      ['A1', 'Nà Héc', 'Ma Văn A', 'Chủ hộ', 'Nam', 1980, 'Tày', '008080000001'],
      [null, null, 'Ma Thị B', 'Vợ', 'Nữ', 1982, 'Tày', null],
      [null, 'Nà Héc', 'Lý Văn C', 'Chủ hộ', 'Nam', 1970, 'Dao', null],
      ['A1', 'Nà Héc', 'Hà Văn D', 'Chủ hộ', 'Khác', 1960, 'Tày', '008080000001'],
    ]);
    const inThread = await collect(buf, false);
    const inWorker = await collect(buf, true);
    expect(inWorker).toEqual(inThread);
    const msgs = inWorker as ParserMessage[];
    expect(msgs.map((m) => m.type)).toEqual(['start', 'batch', 'batch', 'end']);
    expect(msgs[3]).toMatchObject({ households: 3, members: 4, generatedCodes: 1 });
    const problems = msgs.flatMap((m) => ('errors' in m ? m.errors.details : []));
    expect(problems.map((d) => `${d.row}:${d.field}`).sort()).toEqual(['5:code', '5:sex']); // a row with a problem is not checked for duplicates too
  }, 60_000);

  it('refuses a bad file the same way', async () => {
    const bad = Buffer.from('not a workbook');
    expect(await collect(bad, true)).toEqual(await collect(bad, false));
    expect(await collect(bad, true)).toMatchObject({ code: 'BAD_FILE' });
  }, 60_000);
});
