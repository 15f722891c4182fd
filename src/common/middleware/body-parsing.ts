import type { INestApplication } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';
import { errorBody } from '../errors/error-body.js';

export const BODY_LIMIT = '1mb';
const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

type Parser = (request: Request, response: Response, next: (error?: unknown) => void) => void;

/**
 * JSON everywhere, plus text/plain and form bodies where a route opts in (capture from an
 * iOS Shortcut); routes in streamedBodyPaths (imports) get the raw stream. One middleware picks the parser by content type (each router layer costs
 * every request a match); parser failures are answered here in the contract's shape, since
 * they happen before Nest's exception filters are in play.
 */
export function installBodyParsing(app: INestApplication, plainBodyPaths: RegExp[] = [], streamedBodyPaths: RegExp[] = []): void {
  const json: Parser = express.json({ limit: BODY_LIMIT, strict: true });
  const text: Parser = express.text({ limit: BODY_LIMIT, type: 'text/plain' });
  const form: Parser = express.urlencoded({ limit: BODY_LIMIT, extended: false });
  const acceptsPlain = (request: Request) => plainBodyPaths.some((path) => path.test(request.path));

  app.use((request: Request, response: Response, next: NextFunction) => {
    // Uploads larger than the JSON limit: their handler reads the stream itself.
    if (streamedBodyPaths.some((path) => path.test(request.path))) return next();
    const parsed = (error?: unknown) => {
      if (error) return answerParserError(error, request, response, next);
      // A POST with no body (e.g. accept without changes) validates as an empty object.
      if (request.body === undefined) request.body = {};
      next();
    };
    if (!METHODS_WITH_BODY.has(request.method) || !hasBody(request)) return parsed();
    if (request.is('application/json')) return json(request, response, parsed);
    if (acceptsPlain(request)) {
      if (request.is('text/plain')) return text(request, response, parsed);
      if (request.is('application/x-www-form-urlencoded')) return form(request, response, parsed);
    }
    response.status(415).json(errorBody(415, 'Content-Type must be application/json', String(request.id)));
  });
}

function answerParserError(error: unknown, request: Request, response: Response, next: NextFunction): void {
  const parserError = error as ParserError;
  if (typeof parserError?.type !== 'string' || (!parserError.type.startsWith('entity.') && !parserError.type.endsWith('.unsupported'))) {
    return next(error);
  }
  const status = parserError.status ?? 400;
  const message =
    status === 413 ? `request body is larger than ${BODY_LIMIT}` : status === 415 ? 'unsupported body encoding or charset' : 'request body is not valid JSON';
  response.status(status).json(errorBody(status, message, String(request.id)));
}

interface ParserError {
  type?: string;
  status?: number;
}

function hasBody(request: Request): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}
