import { parentPort, workerData } from 'node:worker_threads';
import { DomainError } from '../../common/errors/domain-error';
import { parseHouseholdFile, ParserInput, ParserMessage } from './household-file-parser';

/**
 * The worker thread of the household import: parses the file and posts each message, waiting
 * for the importer's "next" before going on (one batch in flight). A refused file is posted as
 * { type: 'fail', error } with the DomainError's code, message and details.
 */
const port = parentPort;
if (port) {
  let resume: (() => void) | undefined;
  port.on('message', (m) => {
    if (m === 'next') resume?.();
  });
  const emit = (msg: ParserMessage) =>
    new Promise<void>((resolve) => {
      resume = resolve;
      port.postMessage(msg);
    });
  const input = workerData as ParserInput & { buffer: Uint8Array };
  parseHouseholdFile({ ...input, buffer: Buffer.from(input.buffer.buffer, input.buffer.byteOffset, input.buffer.byteLength) }, emit).then(
    () => port.postMessage({ type: 'closed' }),
    (err: unknown) => {
      const e = err instanceof DomainError
        ? { code: err.code, message: err.message, details: err.details }
        : { code: 'BAD_FILE', message: 'Không đọc được tệp Excel (tệp hỏng hoặc không phải .xlsx)', details: [] };
      port.postMessage({ type: 'fail', error: e });
    },
  );
}
