import { describe, expect, it } from '@jest/globals';
import { aliasLookups, applyTagPolicy } from './ai-tag-policy.js';

const policy = (
  aliases: Record<string, string> = {},
  rejected: string[] = [],
  own: string[] = [],
) => ({
  aliases: new Map(Object.entries(aliases)),
  rejected: new Set(rejected),
  own: new Set(own),
});

describe('applyTagPolicy', () => {
  it('maps merged tags to their target, also in another spelling, and keeps one of each', () => {
    const aliases = {
      'cyber-security': 'cybersecurity',
      'cyber security': 'cybersecurity',
      ml: 'machine learning',
    };
    expect(
      applyTagPolicy(['ml', 'cyber-securities', 'cybersecurity', 'garden'], policy(aliases)),
    ).toEqual(['machine learning', 'cybersecurity', 'garden']);
  });

  it("drops rejected tags, whether proposed as such or mapped onto one, and the thought's own tags", () => {
    expect(
      applyTagPolicy(
        ['work', 'ml', 'family', 'garden'],
        policy({ ml: 'stats' }, ['work', 'stats'], ['family']),
      ),
    ).toEqual(['garden']);
  });

  it('looks an alias up as written and in its tidy spelling', () => {
    expect(aliasLookups('side-projects')).toEqual(['side-projects', 'side project']);
    expect(aliasLookups('garden')).toEqual(['garden']);
  });
});
