import { randomUUID } from 'node:crypto';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Application, NextFunction, Request, Response } from 'express';
import { errorBody } from '../errors/error-body.js';

/**
 * Nest answers unmatched paths only under the global prefix (/api/v1); anything else (a typo,
 * a missing dashboard file, a URL Express cannot decode) fell through to Express's final
 * handler and its HTML page. These two handlers go last, after Nest has mounted its routes
 * (application bootstrap runs after that), so every path answers in the contract's shape.
 */
@Injectable()
export class UnmatchedRoutesInShape implements OnApplicationBootstrap {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onApplicationBootstrap(): void {
    // The worker and the CLI run without an HTTP server.
    const express = this.adapterHost.httpAdapter?.getInstance?.() as Application | undefined;
    if (typeof express?.use !== 'function') return;
    express.use(notFoundInShape);
    express.use(errorInShape);
  }
}

export function notFoundInShape(request: Request, response: Response): void {
  send(response, 404, `Cannot ${request.method} ${request.path}`, request);
}

/** Errors Express itself raised (a malformed URL, a static-file failure) before any Nest route. */
export function errorInShape(
  error: { status?: number; statusCode?: number },
  request: Request,
  response: Response,
  next: NextFunction,
): void {
  if (response.headersSent) {
    next(error);
    return;
  }
  const status = error.status ?? error.statusCode ?? 500;
  if (status >= 400 && status < 500)
    send(
      response,
      status,
      status === 404 ? `Cannot ${request.method} ${request.path}` : 'bad request',
      request,
    );
  else send(response, 500, 'internal server error', request);
}

function send(response: Response, status: number, message: string, request: Request): void {
  response
    .status(status)
    .type('application/json')
    .send(JSON.stringify(errorBody(status, message, request.id ?? randomUUID())));
}
