import type { ApiKeyScope } from './api-key.entity.js';

/** Who a request acts for, attached by the API-key guard. */
export interface AuthContext {
  keyId: string;
  userId: string;
  scope: ApiKeyScope;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      auth?: AuthContext;
    }
  }
}
