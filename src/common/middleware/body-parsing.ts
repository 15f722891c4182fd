import type { INestApplication } from '@nestjs/common';
import { isUtf8 } from 'node:buffer';
import express, { type NextFunction, type Request, type Response } from 'express';
import { errorBody } from '../errors/error-body.js';
import {
  findHostileInput,
  type HostileInputProblem,
  urlHasNul,
} from '../validation/hostile-input.js';

export const BODY_LIMIT = '1mb';
const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

type Parser = (request: Request, response: Response, next: (error?: unknown) => void) => void;

/**
 * JSON everywhere, plus text/plain and form bodies where a route opts in (capture from an
 * iOS Shortcut); routes in streamedBodyPaths (imports) get the raw stream. One middleware picks the parser by content type (each router layer costs
 * every request a match); parser failures are answered here in the contract's shape, since
 * they happen before Nest's exception filters are in play.
 */
export function installBodyParsing(
  app: INestApplication,
  plainBodyPaths: RegExp[] = [],
  streamedBodyPaths: RegExp[] = [],
  jsonRpcPaths: RegExp[] = [],
): void {
  const json: Parser = express.json({ limit: BODY_LIMIT, strict: true, verify: requireUtf8 });
  const text: Parser = express.text({ limit: BODY_LIMIT, type: 'text/plain', verify: requireUtf8 });
  const form: Parser = express.urlencoded({
    limit: BODY_LIMIT,
    extended: false,
    verify: requireUtf8,
  });
  const acceptsPlain = (request: Request) => plainBodyPaths.some((path) => path.test(request.path));
  // A JSON-RPC tool call reports bad arguments as a tool error (MCP: never a transport
  // failure), so the tool runner checks its arguments with the same rules itself.
  const isToolArgument = (problem: HostileInputProblem, request: Request) =>
    (problem.field === 'params.arguments' || problem.field.startsWith('params.arguments.')) &&
    jsonRpcPaths.some((path) => path.test(request.path));

  app.use((request: Request, response: Response, next: NextFunction) => {
    if (urlHasNul(request.url)) {
      response
        .status(400)
        .json(errorBody(400, 'the URL must not contain NUL characters', String(request.id)));
      return;
    }
    // Uploads larger than the JSON limit: their handler reads the stream itself.
    if (streamedBodyPaths.some((path) => path.test(request.path))) return next();
    const parsed = (error?: unknown) => {
      if (error) return answerParserError(error, request, response, next);
      // A POST with no body (e.g. accept without changes) validates as an empty object.
      if (request.body === undefined) request.body = {};
      const problem = findHostileInput(request.body);
      if (problem && !isToolArgument(problem, request)) {
        response.status(400).json(errorBody(400, problem.message, String(request.id), [problem]));
        return;
      }
      next();
    };
    if (!METHODS_WITH_BODY.has(request.method) || !hasBody(request)) return parsed();
    if (request.is('application/json')) return json(request, response, parsed);
    if (acceptsPlain(request)) {
      if (request.is('text/plain')) return text(request, response, parsed);
      if (request.is('application/x-www-form-urlencoded')) return form(request, response, parsed);
    }
    response
      .status(415)
      .json(errorBody(415, 'Content-Type must be application/json', String(request.id)));
  });
}

function answerParserError(
  error: unknown,
  request: Request,
  response: Response,
  next: NextFunction,
): void {
  const parserError = error as ParserError;
  if (
    typeof parserError?.type !== 'string' ||
    (!parserError.type.startsWith('entity.') && !parserError.type.endsWith('.unsupported'))
  ) {
    return next(error);
  }
  const status = parserError.status ?? 400;
  const message =
    status === 413
      ? `request body is larger than ${BODY_LIMIT}`
      : status === 415
        ? 'unsupported body encoding or charset'
        : parserError.type === INVALID_UTF8
          ? 'request body is not valid UTF-8'
          : 'request body is not valid JSON';
  response.status(status).json(errorBody(status, message, String(request.id)));
}

const INVALID_UTF8 = 'entity.utf8.invalid';

/**
 * body-parser decodes with iconv, which turns invalid UTF-8 into U+FFFD without a word:
 * the stored text would silently differ from what was sent. (Other charsets are refused
 * with 415 or decoded by iconv, so only UTF-8 bodies are checked.)
 */
function requireUtf8(_request: unknown, _response: unknown, body: Buffer, encoding: string): void {
  if ((encoding ?? 'utf-8').toLowerCase().replace('-', '') !== 'utf8' || isUtf8(body)) return;
  throw Object.assign(new Error('request body is not valid UTF-8'), {
    status: 400,
    type: INVALID_UTF8,
  });
}

interface ParserError {
  type?: string;
  status?: number;
}

function hasBody(request: Request): boolean {
  const length = request.headers['content-length'];
  return (
    request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0')
  );
}

/** A request whose body the parser would read: a method that takes one, and a body on the wire. */
export function carriesBody(request: Request): boolean {
  return METHODS_WITH_BODY.has(request.method) && hasBody(request);
}
