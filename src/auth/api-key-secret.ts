import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const API_KEY_PREFIX = 'pai_';
/** 24 bytes = 192 bits from the CSPRNG (the contract asks for at least 128). */
const RANDOM_BYTES = 24;
const DISPLAY_PREFIX_LENGTH = 12;
const WELL_FORMED = /^pai_[A-Za-z0-9_-]{32,128}$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;

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
  // Buffer.from(..., 'hex') silently drops bad characters: accept only real digests.
  if (!SHA256_HEX.test(a) || !SHA256_HEX.test(b)) return false;
  return timingSafeEqual(Buffer.from(a, 'hex'), Buffer.from(b, 'hex'));
}
