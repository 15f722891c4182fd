import {
  type BenchDatabase,
  type BenchUser,
  createBenchDatabase,
  createUsersWithKeys,
} from './db.js';
import { SERVER_ENV } from './phase.js';
import { type StartedServer, startServer } from './process.js';

/** The words seeded thoughts are made of; the seeding SQL picks them as `($2::text[])[1 + n % 15]`. */
export const SEED_WORDS = [
  'sleep',
  'garden',
  'taxes',
  'meeting',
  'call',
  'mom',
  'project',
  'deadline',
  'run',
  'read',
  'budget',
  'trip',
  'email',
  'doctor',
  'idea',
];

export interface OneUserServer {
  db: BenchDatabase;
  server: StartedServer;
  user: BenchUser;
}

/**
 * What a section timing one client needs: a fresh database, the built server on it (the load
 * phases' SERVER_ENV: no workers or scheduler running beside the measurement, no rate limit
 * in the way of many rounds; offline local AI backend) and one user with a key. The server is stopped and the database dropped when `body` ends, failed or not.
 */
export async function withOneUserServer<T>(body: (setup: OneUserServer) => Promise<T>): Promise<T> {
  const db = await createBenchDatabase();
  const server = await startServer({ ...SERVER_ENV, DATABASE_URL: db.url, AI_BACKEND: 'local' });
  try {
    const [user] = await createUsersWithKeys(db.url, 1);
    return await body({ db, server, user: user! });
  } finally {
    await server.stop();
    await db.drop();
  }
}
