import { STATUS_CODES } from 'node:http';

/** The contract's single error shape, for every status. */
export interface ErrorBody {
  status_code: number;
  error: string;
  message: string;
  details?: unknown[];
  request_id: string;
}

export function errorBody(
  status: number,
  message: string,
  requestId: string,
  details?: unknown[],
): ErrorBody {
  return {
    status_code: status,
    error: STATUS_CODES[status] ?? 'Error',
    message,
    ...(details && details.length > 0 ? { details } : {}),
    request_id: requestId,
  };
}
