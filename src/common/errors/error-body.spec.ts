import { describe, expect, it } from '@jest/globals';
import { errorBody } from './error-body.js';

describe('errorBody', () => {
  it('has the contract shape without details', () => {
    expect(errorBody(404, 'thought not found', 'req-1')).toStrictEqual({
      status_code: 404,
      error: 'Not Found',
      message: 'thought not found',
      request_id: 'req-1',
    });
  });

  it.each([
    [400, 'Bad Request'],
    [401, 'Unauthorized'],
    [404, 'Not Found'],
    [429, 'Too Many Requests'],
    [500, 'Internal Server Error'],
  ])('names status %i %j', (status, reason) => {
    expect(errorBody(status, 'm', 'r').error).toBe(reason);
  });

  it('falls back to "Error" for a status without a reason phrase', () => {
    expect(errorBody(599, 'm', 'r').error).toBe('Error');
  });

  it('includes details when there are some', () => {
    const details = [{ field: 'content', message: 'content must not be empty' }];
    expect(errorBody(400, 'content must not be empty', 'req-2', details)).toStrictEqual({
      status_code: 400,
      error: 'Bad Request',
      message: 'content must not be empty',
      details,
      request_id: 'req-2',
    });
  });

  it('omits empty details entirely', () => {
    const body = errorBody(400, 'bad', 'req-3', []);
    expect(body).not.toHaveProperty('details');
    expect(Object.keys(body)).toEqual(['status_code', 'error', 'message', 'request_id']);
  });
});
