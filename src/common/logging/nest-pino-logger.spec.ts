import { describe, expect, it } from '@jest/globals';
import { createRootLogger } from './http-logger.js';
import { NestPinoLogger } from './nest-pino-logger.js';

function capture(level = 'info') {
  const lines: Record<string, unknown>[] = [];
  const logger = new NestPinoLogger(
    createRootLogger(level, { write: (line: string) => void lines.push(JSON.parse(line)) }),
  );
  return { logger, lines };
}

describe('NestPinoLogger', () => {
  it('writes a message with its context as one JSON line', () => {
    const { logger, lines } = capture();
    logger.log('listening', 'Boot');
    expect(lines).toEqual([
      expect.objectContaining({ level: 'info', context: 'Boot', msg: 'listening', service: 'pai' }),
    ]);
  });

  it("takes pino's (fields, message) order as Nest's Logger passes it", () => {
    const { logger, lines } = capture();
    logger.warn({ job_id: 7 }, 'analysis attempt failed', 'Worker');
    expect(lines[0]).toMatchObject({
      level: 'warn',
      context: 'Worker',
      job_id: 7,
      msg: 'analysis attempt failed',
    });
  });

  it("logs an Error under err with its stack, and Nest's (message, stack, context) errors as one", () => {
    const { logger, lines } = capture();
    logger.error(new Error('boom'), 'Jobs');
    logger.error(
      'unhandled',
      'Error: unhandled\n    at somewhere (file.js:1:1)',
      'ExceptionsHandler',
    );
    expect(lines[0]).toMatchObject({
      level: 'error',
      context: 'Jobs',
      msg: 'boom',
      err: { type: 'Error', message: 'boom' },
    });
    expect(lines[1]).toMatchObject({
      level: 'error',
      context: 'ExceptionsHandler',
      err: { message: 'unhandled', stack: expect.stringContaining('at somewhere') },
    });
  });

  it('maps Nest levels to pino levels and writes nothing below the configured one', () => {
    const { logger, lines } = capture('debug');
    logger.verbose('hidden', 'X');
    logger.debug('shown', 'X');
    logger.fatal('the end', 'X');
    expect(lines.map((line) => [line.level, line.msg])).toEqual([
      ['debug', 'shown'],
      ['fatal', 'the end'],
    ]);
  });
});
