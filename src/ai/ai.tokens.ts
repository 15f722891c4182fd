/** Every AiBackend instance (built from config by ai-backends.provider.ts). */
export const AI_BACKENDS = Symbol('AI_BACKENDS');
/** The orchestrator's tunables (AiOptions), read from config once. */
export const AI_OPTIONS = Symbol('AI_OPTIONS');
/** Where AI_REQUESTS_PER_MINUTE and the circuit breakers live (AiLimits: this process, or Redis). */
export const AI_LIMITS = Symbol('AI_LIMITS');
