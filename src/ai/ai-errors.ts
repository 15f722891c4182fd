import type { AiBackendName } from './ai.types.js';

/**
 * Why a backend call failed, as the ledger's `error_class` records it. The names are ours,
 * not an SDK's, so the orchestrator's retry rules do not depend on which client failed.
 */
export type AiErrorClass =
  | 'timeout'
  | 'connection'
  | 'rate_limited'
  | 'spend_cap'
  | 'overloaded'
  | 'server_error'
  | 'bad_request'
  | 'auth'
  | 'forbidden'
  | 'not_found'
  | 'aborted'
  | 'invalid_output'
  | 'internal';

/** The backend answered, but not with something the schema accepts (prose, wrong types). */
export class AiOutputInvalidError extends Error {
  readonly errorClass = 'invalid_output' as const;

  /** `problems` name paths and rules only, never the offending values (they may echo user text). */
  constructor(
    message: string,
    readonly problems: string[] = [],
  ) {
    super(message);
    this.name = 'AiOutputInvalidError';
  }
}

/** A failed backend call, classified once by the backend that made it. */
export class AiBackendError extends Error {
  constructor(
    readonly errorClass: AiErrorClass,
    message: string,
    readonly options: {
      retryable: boolean;
      status?: number;
      /** From `retry-after` / `retry-after-ms`, when the server sent one. */
      retryAfterMs?: number;
    },
  ) {
    super(message);
    this.name = 'AiBackendError';
  }

  get retryable(): boolean {
    return this.options.retryable;
  }
}

/** Every backend in the chain failed or was skipped. */
export class AiUnavailableError extends Error {
  constructor(readonly attempts: { backend: AiBackendName; reason: string }[]) {
    super(
      `no AI backend produced an answer (${attempts.map((a) => `${a.backend}: ${a.reason}`).join('; ')})`,
    );
    this.name = 'AiUnavailableError';
  }
}

/** The error class for the ledger and the breaker, whatever was thrown. */
export function errorClassOf(error: unknown): AiErrorClass {
  if (error instanceof AiBackendError || error instanceof AiOutputInvalidError)
    return error.errorClass;
  return 'internal';
}
