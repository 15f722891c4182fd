import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import {
  DATABASE_RETRY_AFTER_SECONDS,
  DATABASE_UNAVAILABLE_MESSAGE,
  isDatabaseUnavailable,
} from '../errors/database-unavailable.js';
import { DomainError, type DomainErrorKind } from '../errors/domain-errors.js';
import { errorBody } from '../errors/error-body.js';
import { ValidationFailedException } from '../errors/validation-failed.exception.js';

const DOMAIN_STATUS: Record<DomainErrorKind, number> = {
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  invalid: HttpStatus.BAD_REQUEST,
  forbidden: HttpStatus.FORBIDDEN,
};

/**
 * Every error leaves in the contract's shape with the request id. Only messages we wrote
 * reach the client: unexpected errors (SQL, driver, bugs) become a bare 500 and are logged.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Exceptions');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const { status, message, details } = this.describe(exception);
    if (status === 503) {
      // An outage, not a bug: one line without the stack, and the client is told when to retry.
      this.logger.warn(
        { err: describeBriefly(exception), request_id: request.id },
        DATABASE_UNAVAILABLE_LOG,
      );
      if (!response.headersSent)
        response.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
    } else if (status >= 500) {
      this.logger.error({ err: exception, request_id: request.id }, 'unhandled error');
    } else if (isDataException(exception)) {
      // A validator let the value through: still the client's input, but worth fixing at the DTO.
      this.logger.warn({ err: exception, request_id: request.id }, DATA_EXCEPTION_LOG);
    }
    if (response.headersSent) return;
    response.status(status).json(errorBody(status, message, String(request.id ?? ''), details));
  }

  private describe(exception: unknown): { status: number; message: string; details?: unknown[] } {
    if (exception instanceof ValidationFailedException) {
      return { status: 400, message: exception.message, details: exception.problems };
    }
    if (exception instanceof ThrottlerException) {
      return { status: 429, message: 'rate limit exceeded, retry after the time in Retry-After' };
    }
    if (exception instanceof DomainError) {
      return {
        status: DOMAIN_STATUS[exception.kind],
        message: exception.message,
        details: exception.details,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const raw = typeof body === 'string' ? body : (body as { message?: unknown }).message;
      const message = Array.isArray(raw)
        ? String(raw[0])
        : typeof raw === 'string'
          ? raw
          : exception.message;
      return { status, message: status >= 500 ? 'internal server error' : message };
    }
    if (isDatabaseUnavailable(exception)) {
      return { status: 503, message: DATABASE_UNAVAILABLE_MESSAGE };
    }
    if (isDataException(exception)) {
      return { status: 400, message: 'a value in the request is out of range or malformed' };
    }
    return { status: 500, message: 'internal server error' };
  }
}

export const DATA_EXCEPTION_LOG = 'input the database rejected';
export const DATABASE_UNAVAILABLE_LOG = 'database unavailable, answered 503';

function describeBriefly(exception: unknown): { message: string; code?: unknown } {
  const error = exception as {
    message?: unknown;
    code?: unknown;
    driverError?: { code?: unknown };
  };
  return {
    message: String(error?.message ?? exception),
    code: error?.code ?? error?.driverError?.code,
  };
}

/**
 * PostgreSQL's class 22 (data exception: NUL in text, a date out of range, a number that
 * overflows) and 54 (program limit exceeded: too many parameters, a value too large) come
 * from values the request carried. The validators should catch them first; this is the net.
 */
function isDataException(error: unknown): boolean {
  const code =
    (error as { code?: unknown })?.code ??
    (error as { driverError?: { code?: unknown } })?.driverError?.code;
  return typeof code === 'string' && /^(22|54)[0-9A-Z]{3}$/.test(code);
}
