import type { NextFunction, Request, Response } from 'express';

type Middleware = (request: Request, response: Response, next: NextFunction) => void;

/**
 * Several middlewares as one router layer: the router matches every layer against every
 * request, so the edge's small steps (request id, request log, headers) share one match.
 */
export function inOneLayer(...middlewares: Middleware[]): Middleware {
  return (request, response, next) => {
    let index = 0;
    const step = (error?: unknown) => {
      if (error !== undefined) return next(error);
      const middleware = middlewares[index++];
      if (middleware) middleware(request, response, step as NextFunction);
      else next();
    };
    step();
  };
}
