import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** Set by the first middleware: the client's X-Request-Id when well-formed, else a UUID. */
      id: string;
    }
  }
}

const WELL_FORMED = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * First middleware of all: every response, even a body-parser 413, carries X-Request-Id.
 * A well-formed incoming id is kept so a client can correlate its own logs.
 */
export function requestId(request: Request, response: Response, next: NextFunction): void {
  const incoming = request.headers['x-request-id'];
  const id = typeof incoming === 'string' && WELL_FORMED.test(incoming) ? incoming : randomUUID();
  request.id = id;
  response.setHeader('X-Request-Id', id);
  next();
}
