import { randomUUID } from 'node:crypto';
import type { TestApp } from './test-app.js';
import { TEST_ADMIN_KEY } from './test-app.js';

export interface CreatedUser {
  userId: string;
  email: string;
  key: string;
  keyId: string;
}

export const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });

/** A new user with a first key, through the admin API (as a real admin would). */
export async function createUser(testApp: TestApp, name = 'Test User'): Promise<CreatedUser> {
  const email = `user-${randomUUID()}@example.test`;
  const response = await testApp
    .http()
    .post('/api/v1/admin/users')
    .set(bearer(TEST_ADMIN_KEY))
    .send({ name, email });
  if (response.status !== 201)
    throw new Error(`createUser: ${response.status} ${JSON.stringify(response.body)}`);
  return {
    userId: response.body.user.id,
    email,
    key: response.body.api_key.key,
    keyId: response.body.api_key.id,
  };
}

export async function createKey(
  testApp: TestApp,
  userId: string,
  extra: { scope?: 'admin' | 'user' | 'read' | 'capture'; expires_at?: string; name?: string } = {},
): Promise<{ key: string; id: string }> {
  const response = await testApp
    .http()
    .post('/api/v1/admin/api-keys')
    .set(bearer(TEST_ADMIN_KEY))
    .send({ user_id: userId, name: extra.name ?? 'test key', ...extra });
  if (response.status !== 201)
    throw new Error(`createKey: ${response.status} ${JSON.stringify(response.body)}`);
  return { key: response.body.key, id: response.body.id };
}

export interface ThoughtInput {
  content: string;
  tags?: string[];
  thought_type?: string;
  local_only?: boolean;
}

/** Captures through the API and returns the thought as the API shows it. */
export async function captureThought(
  testApp: TestApp,
  key: string,
  input: ThoughtInput | string,
): Promise<Record<string, any>> {
  const body = typeof input === 'string' ? { content: input } : input;
  const response = await testApp.http().post('/api/v1/thoughts').set(bearer(key)).send(body);
  if (response.status !== 201)
    throw new Error(`captureThought: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}
