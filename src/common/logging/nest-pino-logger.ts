import type { LoggerService } from '@nestjs/common';
import type { Level, Logger } from 'pino';

/**
 * Nest's logger calls, written as pino JSON lines: `log('msg', 'Context')` becomes
 * `{"level":"info","context":"Context","msg":"msg"}`, an Error becomes `err`. No
 * request-scoped store on purpose: an AsyncLocalStorage makes every promise of every
 * request pay for async hooks, and request facts are already in the request line.
 */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: Level, message: unknown, params: unknown[]): void {
    if (!this.logger.isLevelEnabled(level)) return;
    const fields: Record<string, unknown> = {};
    // Nest passes the context last, and (for errors) a stack before it.
    if (params.length > 0) fields.context = params[params.length - 1];
    const rest = params.slice(0, -1);
    // Nest's Logger also takes pino's (fields, message) order: logger.log({ id }, 'done').
    const text = typeof rest[0] === 'string' ? rest[0] : undefined;
    if (message instanceof Error) {
      fields.err = message;
      this.logger[level](fields, text ?? message.message);
    } else if (typeof message === 'object' && message !== null) {
      this.logger[level](Object.assign(fields, message), text);
    } else if (level === 'error' && typeof rest[0] === 'string' && /\n\s*at /.test(rest[0])) {
      // Nest's own exception handler: (message, stack, context).
      const err = new Error(String(message));
      err.stack = rest[0];
      this.logger[level]({ ...fields, err });
    } else {
      this.logger[level](fields, String(message));
    }
  }
}
