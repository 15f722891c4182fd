import { EventEmitter } from 'node:events';
import { describe, expect, it } from '@jest/globals';
import type { ExecutionContext } from '@nestjs/common';
import type { ReadReplicas } from './read-replicas.service.js';
import { ReadYourWritesGuard } from './read-your-writes.guard.js';

function setUp(enabled = true) {
  const calls: string[] = [];
  const replicas = {
    enabled,
    beginWrite: (userId: string) => calls.push(`begin ${userId}`),
    endWrite: (userId: string) => calls.push(`end ${userId}`),
  };
  const guard = new ReadYourWritesGuard(replicas as unknown as ReadReplicas);
  const request = (method: string, userId?: string) => {
    const response = new EventEmitter();
    const context = {
      getType: () => 'http',
      switchToHttp: () => ({
        getRequest: () => ({ method, auth: userId === undefined ? undefined : { userId } }),
        getResponse: () => response,
      }),
    } as unknown as ExecutionContext;
    return { allowed: guard.canActivate(context), response };
  };
  return { calls, request };
}

describe('ReadYourWritesGuard', () => {
  it("marks a user's write request from its start until its response closes, and never refuses", () => {
    const { calls, request } = setUp();
    const { allowed, response } = request('POST', 'u1');
    expect(allowed).toBe(true);
    expect(calls).toEqual(['begin u1']);
    response.emit('close');
    expect(calls).toEqual(['begin u1', 'end u1']);
  });

  it('counts PUT, PATCH and DELETE as writes too, but not reads or unauthenticated requests', () => {
    const { calls, request } = setUp();
    for (const method of ['PUT', 'PATCH', 'DELETE']) request(method, 'u1');
    for (const method of ['GET', 'HEAD', 'OPTIONS']) request(method, 'u2');
    request('POST');
    expect(calls).toEqual(['begin u1', 'begin u1', 'begin u1']);
  });

  it('does nothing without read replicas', () => {
    const { calls, request } = setUp(false);
    expect(request('POST', 'u1').allowed).toBe(true);
    expect(calls).toEqual([]);
  });
});
