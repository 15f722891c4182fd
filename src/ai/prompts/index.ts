/** The prompt versions in use; a new wording is a new file and a new version, never an edit. */
export { analyzeThoughtV2 as ANALYZE_THOUGHT_PROMPT } from './analyze-thought.v2.js';
export { consciousnessCheckV1 as CONSCIOUSNESS_CHECK_PROMPT } from './consciousness-check.v1.js';

export interface PromptSpec<Args extends unknown[]> {
  version: string;
  toolName: string;
  toolDescription: string;
  jsonSchema: Record<string, unknown>;
  maxOutputTokens: number;
  system: string;
  render: (...args: Args) => string;
}
