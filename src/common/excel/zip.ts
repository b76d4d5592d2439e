import { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';

/**
 * A minimal, defensive reader of a ZIP held in memory (an uploaded .xlsx): reads the central
 * directory and streams one entry at a time, so a workbook can be inspected (entries, row count)
 * without unpacking it. No ZIP64 (an upload is far below 4 GB), no encryption, methods stored and
 * deflate only: anything else is refused as a ZipError.
 */
export class ZipError extends Error {}

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const EOCD_SIG = 0x06054b50;
const CDH_SIG = 0x02014b50;
const LFH_SIG = 0x04034b50;
const MAX_ENTRIES = 10_000;

export function isZip(buf: Buffer): boolean {
  return buf.length >= 4 && buf.readUInt32LE(0) === LFH_SIG;
}

export function readZipDirectory(buf: Buffer): ZipEntry[] {
  // The end-of-central-directory record: 22 bytes plus a comment of up to 65,535 bytes, at the end.
  const stop = Math.max(0, buf.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = buf.length - 22; i >= stop; i--) {
    if (buf.readUInt32LE(i) === EOCD_SIG) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipError('no end of central directory (truncated or not a zip)');
  const count = buf.readUInt16LE(eocd + 10);
  const size = buf.readUInt32LE(eocd + 12);
  const offset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) throw new ZipError('ZIP64 is not supported');
  if (count > MAX_ENTRIES) throw new ZipError(`too many entries (${count})`);
  if (offset + size > eocd) throw new ZipError('central directory out of bounds');
  const entries: ZipEntry[] = [];
  let p = offset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > eocd || buf.readUInt32LE(p) !== CDH_SIG) throw new ZipError('corrupt central directory');
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const compressedSize = buf.readUInt32LE(p + 20);
    const uncompressedSize = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const localHeaderOffset = buf.readUInt32LE(p + 42);
    if (p + 46 + nameLen > eocd) throw new ZipError('corrupt central directory');
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    entries.push({ name, method, flags, compressedSize, uncompressedSize, localHeaderOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** The entry's data, decompressed as a stream (destroy it to stop early). */
export function openZipEntry(buf: Buffer, e: ZipEntry): Readable {
  if (e.flags & 0x1) throw new ZipError(`${e.name} is encrypted`);
  const h = e.localHeaderOffset;
  if (h + 30 > buf.length || buf.readUInt32LE(h) !== LFH_SIG) throw new ZipError(`${e.name}: corrupt local header`);
  const start = h + 30 + buf.readUInt16LE(h + 26) + buf.readUInt16LE(h + 28);
  const end = start + e.compressedSize;
  if (end > buf.length) throw new ZipError(`${e.name}: data out of bounds`);
  const data = buf.subarray(start, end);
  if (e.method === 0) return Readable.from([data]);
  if (e.method !== 8) throw new ZipError(`${e.name}: compression method ${e.method} is not supported`);
  const inflate = createInflateRaw({ chunkSize: 64 * 1024 });
  inflate.end(data);
  return inflate;
}
