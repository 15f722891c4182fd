import type { AiMode } from './ai-options.js';
import type { AiBackendName } from './ai.types.js';

export type UserAiPreference = 'auto' | 'claude' | 'ollama' | 'local';

const CHAINS: Record<UserAiPreference, AiBackendName[]> = {
  auto: ['claude', 'ollama', 'local'],
  claude: ['claude', 'ollama', 'local'],
  ollama: ['ollama', 'local'],
  local: ['local'],
};

/**
 * The backends to try, in order. AI_BACKEND=mock pins the mock (tests); any other explicit
 * server setting wins over the user's; a user's preference refines only 'auto'. The local
 * backend ends every chain, so an answer is always possible offline.
 */
export function selectChain(mode: AiMode, preferred?: UserAiPreference): AiBackendName[] {
  if (mode === 'mock') return ['mock'];
  const effective = mode === 'auto' ? (preferred ?? 'auto') : mode;
  return CHAINS[effective];
}
