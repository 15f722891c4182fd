import { describe, expect, it } from '@jest/globals';
import { selectChain } from './chain.js';

describe('selectChain', () => {
  it('follows AI_BACKEND, ending every chain with local', () => {
    expect(selectChain('auto')).toEqual(['claude', 'ollama', 'local']);
    expect(selectChain('claude')).toEqual(['claude', 'ollama', 'local']);
    expect(selectChain('ollama')).toEqual(['ollama', 'local']);
    expect(selectChain('local')).toEqual(['local']);
  });

  it("lets the user's preference refine 'auto' only", () => {
    expect(selectChain('auto', 'local')).toEqual(['local']);
    expect(selectChain('auto', 'ollama')).toEqual(['ollama', 'local']);
    expect(selectChain('local', 'claude')).toEqual(['local']);
    expect(selectChain('ollama', 'claude')).toEqual(['ollama', 'local']);
  });

  it('pins the mock under AI_BACKEND=mock', () => {
    expect(selectChain('mock', 'claude')).toEqual(['mock']);
  });
});
