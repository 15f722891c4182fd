import type { INestApplication } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';
import { errorBody } from '../errors/error-body.js';

export const BODY_LIMIT = '1mb';
const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * JSON everywhere, plus text/plain and form bodies where a route opts in (capture from an
 * iOS Shortcut). Parser failures are answered here in the contract's shape, since they
 * happen before Nest's exception filters are in play.
 */
export function installBodyParsing(app: INestApplication, plainBodyPaths: RegExp[] = []): void {
  const acceptsPlain = (request: Request) => plainBodyPaths.some((path) => path.test(request.path));
  const text = express.text({ limit: BODY_LIMIT, type: 'text/plain' });
  const form = express.urlencoded({ limit: BODY_LIMIT, extended: false });
  app.use(express.json({ limit: BODY_LIMIT, strict: true }));
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (!acceptsPlain(request)) return next();
    text(request, response, (error?: unknown) => (error ? next(error) : form(request, response, next)));
  });
  app.use((request: Request, response: Response, next: NextFunction) => {
    // A POST with no body (e.g. accept without changes) validates as an empty object.
    if (request.body === undefined) request.body = {};
    if (!METHODS_WITH_BODY.has(request.method) || !hasBody(request) || request.is('application/json')) return next();
    if (acceptsPlain(request) && request.is(['text/plain', 'application/x-www-form-urlencoded'])) return next();
    response.status(415).json(errorBody(415, 'Content-Type must be application/json', String(request.id)));
  });
  app.use((error: ParserError, request: Request, response: Response, next: NextFunction) => {
    if (typeof error?.type !== 'string' || !error.type.startsWith('entity.') && !error.type.endsWith('.unsupported')) {
      return next(error);
    }
    const status = error.status ?? 400;
    const message =
      status === 413
        ? `request body is larger than ${BODY_LIMIT}`
        : status === 415
          ? 'unsupported body encoding or charset'
          : 'request body is not valid JSON';
    response.status(status).json(errorBody(status, message, String(request.id)));
  });
}

interface ParserError {
  type?: string;
  status?: number;
}

function hasBody(request: Request): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}
