import { describe, expect, it } from '@jest/globals';
import type { NextFunction, Request, Response } from 'express';
import { inOneLayer } from './in-one-layer.js';

const request = {} as Request;
const response = {} as Response;

describe('inOneLayer', () => {
  it('runs the middlewares in order, then the next layer', () => {
    const seen: string[] = [];
    const step = (name: string) => (_req: Request, _res: Response, next: NextFunction) => {
      seen.push(name);
      next();
    };
    let after = 0;
    inOneLayer(step('a'), step('b'), step('c'))(request, response, () => after++);
    expect(seen).toEqual(['a', 'b', 'c']);
    expect(after).toBe(1);
  });

  it('stops at an error and hands it on, and stops when a middleware answers', () => {
    const failure = new Error('bad');
    const seen: unknown[] = [];
    inOneLayer(
      (_req, _res, next) => next(failure),
      () => seen.push('not reached'),
    )(request, response, (error?: unknown) => seen.push(error));
    expect(seen).toEqual([failure]);

    const answered: string[] = [];
    inOneLayer(
      () => answered.push('answered'),
      () => answered.push('not reached'),
    )(request, response, () => answered.push('next layer'));
    expect(answered).toEqual(['answered']);
  });
});
