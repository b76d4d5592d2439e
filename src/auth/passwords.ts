import * as argon2 from 'argon2';
import { DomainError } from '../common/errors/domain-error';

/**
 * Password hashing: argon2id (memory-hard, 64 MiB, 3 passes). Each hash or verify holds 64 MiB,
 * so at most MAX_CONCURRENT run at once and a bounded queue waits: a burst of logins (or an
 * attack from many addresses) cannot exhaust the server's memory. Passwords are NFC-normalised,
 * so a Vietnamese password typed on a system that decomposes accents still matches.
 */
const OPTIONS = { type: argon2.argon2id, memoryCost: 65_536, timeCost: 3, parallelism: 1 } as const;
const MAX_CONCURRENT = 2;
const MAX_WAITING = 200;

let running = 0;
const waiting: (() => void)[] = [];

async function slot<T>(fn: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT) {
    if (waiting.length >= MAX_WAITING) throw new DomainError('TOO_MANY_REQUESTS', 'Máy chủ đang bận xử lý đăng nhập, vui lòng thử lại sau ít phút');
    await new Promise<void>((resolve) => waiting.push(resolve));
  } else {
    running++;
  }
  try {
    return await fn();
  } finally {
    const nextInLine = waiting.shift();
    if (nextInLine) nextInLine(); // hand the slot over
    else running--;
  }
}

export function hashPassword(password: string): Promise<string> {
  return slot(() => argon2.hash(password.normalize('NFC'), OPTIONS));
}

/** False for a wrong password and for a malformed hash (never throws for those). */
export function verifyPassword(hash: string, password: string): Promise<boolean> {
  return slot(() => argon2.verify(hash, password.normalize('NFC')).catch(() => false));
}

let dummy: Promise<string> | undefined;
/** Spends the time of one verification, for unknown usernames (timing does not reveal which exist). */
export async function verifyDummy(password: string): Promise<void> {
  dummy ??= hashPassword('not-a-real-password-but-same-cost');
  await verifyPassword(await dummy, password);
}
