import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { bridgeOptions } from './mcp-stdio-options.js';

const KEY = 'pai_abcdefghijklmnopqrstuvwxyz012345';

describe('bridgeOptions', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pai-bridge-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the key from a file (trimmed) and builds the /mcp endpoint from --url', () => {
    const file = path.join(dir, 'key');
    writeFileSync(file, `  ${KEY}\n`);
    expect(
      bridgeOptions(['--url', 'http://nas.local:8000/ignored', '--key-file', file], {}),
    ).toEqual({
      endpoint: new URL('http://nas.local:8000/mcp'),
      key: KEY,
    });
  });

  it('falls back to PAI_API_KEY and PAI_URL, then localhost', () => {
    expect(
      bridgeOptions([], { PAI_API_KEY: KEY, PAI_URL: 'https://pai.example' }).endpoint.href,
    ).toBe('https://pai.example/mcp');
    expect(bridgeOptions([], { PAI_API_KEY: KEY }).endpoint.href).toBe('http://localhost:8000/mcp');
  });

  it('refuses a key on argv, no key, a key of the wrong shape and a bad URL, without echoing the key', () => {
    expect(() => bridgeOptions(['--key', KEY], {})).toThrow('--key is not accepted');
    expect(() => bridgeOptions([], {})).toThrow('no API key');
    expect(() => bridgeOptions([], { PAI_API_KEY: 'sk-123' })).toThrow(
      'does not look like a PAI key',
    );
    expect(() => bridgeOptions(['--url', 'not a url'], { PAI_API_KEY: KEY })).toThrow(
      '--url is not a URL',
    );
    expect(() => bridgeOptions(['--url', 'ftp://host'], { PAI_API_KEY: KEY })).toThrow(
      'http:// or https://',
    );
    try {
      bridgeOptions(['--key', KEY], {});
    } catch (error) {
      expect((error as Error).message).not.toContain(KEY);
    }
  });
});
