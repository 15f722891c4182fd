/**
 * Errors the services raise without knowing about HTTP; the global filter maps each
 * kind to its status at the edge.
 */
export type DomainErrorKind = 'not_found' | 'conflict' | 'invalid' | 'forbidden';

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    readonly details?: unknown[],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string) => new DomainError('not_found', `${what} not found`);
export const conflict = (message: string) => new DomainError('conflict', message);
export const invalid = (message: string, details?: unknown[]) =>
  new DomainError('invalid', message, details);

/** PostgreSQL's unique_violation, for services that turn it into a conflict. */
export function isUniqueViolation(error: unknown): boolean {
  const code =
    (error as { code?: string })?.code ??
    (error as { driverError?: { code?: string } })?.driverError?.code;
  return code === '23505';
}
