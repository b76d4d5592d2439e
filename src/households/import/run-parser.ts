import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { DomainError, ErrorCode, FieldProblem } from '../../common/errors/domain-error';
import { parseHouseholdFile, ParserInput, ParserMessage } from './household-file-parser';

const WORKER_FILE = join(__dirname, 'household-file.worker.js');

/**
 * Runs the household-file parser in a worker thread: the parsing (CPU-bound, seconds for a large
 * file) leaves the event loop free for other requests, and the worker's own heap is bounded, so
 * V8 collects the parser's garbage early instead of letting the server's heap grow (exceljs makes
 * several GB of short-lived objects for a 30,000-household file). `onMessage` is awaited before
 * the worker continues (backpressure: one batch in flight). Where the compiled worker is absent
 * (tests run the TypeScript sources), the parser runs in the calling thread, the same code.
 */
export async function runHouseholdParser(
  input: ParserInput,
  onMessage: (msg: ParserMessage) => Promise<void>,
  opts: { worker?: { script: string; eval?: boolean } } = {},
): Promise<void> {
  const useWorker = opts.worker ?? (__filename.endsWith('.js') && existsSync(WORKER_FILE) ? { script: WORKER_FILE } : undefined);
  if (!useWorker) return parseHouseholdFile(input, onMessage);
  const fileMb = input.buffer.length / 1_048_576;
  const worker = new Worker(useWorker.script, {
    eval: useWorker.eval ?? false,
    workerData: input,
    // the live data is the shared strings of the file and one batch; the limit grows with the file
    resourceLimits: { maxOldGenerationSizeMb: Math.round(96 + 12 * fileMb), maxYoungGenerationSizeMb: 32 },
  });
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const fail = (err: Error) => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      reject(err);
    };
    worker.on('message', (msg: ParserMessage | { type: 'closed' } | { type: 'fail'; error: { code: ErrorCode; message: string; details: FieldProblem[] } }) => {
      if (msg.type === 'fail') return fail(new DomainError(msg.error.code, msg.error.message, msg.error.details));
      if (msg.type === 'closed') {
        settled = true;
        void worker.terminate();
        return resolve();
      }
      onMessage(msg).then(() => worker.postMessage('next'), fail);
    });
    worker.on('error', (err: Error & { code?: string }) =>
      fail(err.code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? new DomainError('PAYLOAD_TOO_LARGE', 'Bảng tính quá lớn để nhập một lần: hãy chia nhỏ', [{ field: 'file', message: 'Tệp quá lớn để nhập một lần; hãy chia nhỏ' }])
        : err),
    );
    worker.on('exit', (code) => {
      if (!settled) fail(new Error(`the import worker stopped (exit ${code})`));
    });
  });
}
