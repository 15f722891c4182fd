import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const API_KEY_PREFIX = 'pai_';
/** 24 bytes = 192 bits from the CSPRNG (the contract asks for at least 128). */
const RANDOM_BYTES = 24;
const DISPLAY_PREFIX_LENGTH = 12;
const WELL_FORMED = /^pai_[A-Za-z0-9_-]{32,128}$/;

export interface GeneratedApiKey {
  key: string;
  hash: string;
  prefix: string;
}

export function generateApiKey(): GeneratedApiKey {
  return describeApiKey(`${API_KEY_PREFIX}${randomBytes(RANDOM_BYTES).toString('base64url')}`);
}

export function describeApiKey(key: string): GeneratedApiKey {
  return { key, hash: hashApiKey(key), prefix: key.slice(0, DISPLAY_PREFIX_LENGTH) };
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function isWellFormedApiKey(candidate: string): boolean {
  return WELL_FORMED.test(candidate);
}

/** Compares two hex digests without leaking how many leading characters matched. */
export function hashesEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}
