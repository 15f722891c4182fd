import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import {
  API_KEY_PREFIX,
  describeApiKey,
  generateApiKey,
  hashApiKey,
  hashesEqual,
  isWellFormedApiKey,
} from './api-key-secret.js';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('generateApiKey', () => {
  it('starts with pai_', () => {
    expect(API_KEY_PREFIX).toBe('pai_');
    expect(generateApiKey().key.startsWith('pai_')).toBe(true);
  });

  it('carries at least 128 bits of base64url randomness after the prefix', () => {
    const random = generateApiKey().key.slice('pai_'.length);
    expect(random).toMatch(/^[A-Za-z0-9_-]+$/);
    // base64url encodes 6 bits per character.
    expect(random.length * 6).toBeGreaterThanOrEqual(128);
  });

  it('is unique across 1000 generations', () => {
    const generated = Array.from({ length: 1000 }, () => generateApiKey());
    expect(new Set(generated.map((g) => g.key)).size).toBe(1000);
    expect(new Set(generated.map((g) => g.hash)).size).toBe(1000);
  });

  it('hashes to 64 hex characters equal to the sha256 of the key', () => {
    const { key, hash } = generateApiKey();
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).toBe(sha256(key));
  });

  it('displays the first 12 characters as the prefix', () => {
    const { key, prefix } = generateApiKey();
    expect(prefix).toHaveLength(12);
    expect(prefix).toBe(key.slice(0, 12));
  });

  it('generates keys that are well formed', () => {
    for (let i = 0; i < 50; i += 1) expect(isWellFormedApiKey(generateApiKey().key)).toBe(true);
  });
});

describe('describeApiKey / hashApiKey', () => {
  it('matches the known sha256 test vector', () => {
    expect(hashApiKey('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('describes a given key', () => {
    const key = `pai_${'x'.repeat(32)}`;
    expect(describeApiKey(key)).toEqual({ key, hash: sha256(key), prefix: 'pai_xxxxxxxx' });
  });
});

describe('isWellFormedApiKey', () => {
  it('accepts the shortest and longest allowed keys', () => {
    expect(isWellFormedApiKey(`pai_${'a'.repeat(32)}`)).toBe(true);
    expect(isWellFormedApiKey(`pai_${'a'.repeat(128)}`)).toBe(true);
  });

  it.each([
    ['a wrong prefix', `key_${'a'.repeat(32)}`],
    ['an upper-case prefix', `PAI_${'a'.repeat(32)}`],
    ['too short a body', `pai_${'a'.repeat(31)}`],
    ['a space inside', `pai_${'a'.repeat(16)} ${'a'.repeat(16)}`],
    ['a trailing space', `pai_${'a'.repeat(32)} `],
    ['a trailing newline', `pai_${'a'.repeat(32)}\n`],
    ['more than 132 characters', `pai_${'a'.repeat(129)}`],
    ['an empty string', ''],
  ])('rejects %s', (_case, candidate) => {
    expect(isWellFormedApiKey(candidate)).toBe(false);
  });
});

describe('hashesEqual', () => {
  const hash = sha256('one');

  it('is true for equal digests', () => {
    expect(hashesEqual(hash, sha256('one'))).toBe(true);
  });

  it('is false for different digests of the same length', () => {
    expect(hashesEqual(hash, sha256('two'))).toBe(false);
  });

  it('is false when only the last byte differs', () => {
    const last = hash.slice(-2) === '00' ? '01' : '00';
    expect(hashesEqual(hash, hash.slice(0, -2) + last)).toBe(false);
  });

  it('is false for digests of different lengths', () => {
    expect(hashesEqual(hash, hash.slice(0, 32))).toBe(false);
    expect(hashesEqual(hash.slice(0, 32), hash)).toBe(false);
    expect(hashesEqual(hash, '')).toBe(false);
  });
});
