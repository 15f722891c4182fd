import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

export const BOOTSTRAP_KEY_FILE_NAME = 'bootstrap-admin-key';

/**
 * Writes the generated admin key where only the server's user can read it (mode 0600,
 * through a temporary file and a rename, so nobody ever sees a half-written or
 * world-readable key). Returns the absolute path.
 */
export async function writeBootstrapKeyFile(dataDir: string, key: string): Promise<string> {
  const directory = path.resolve(dataDir);
  await mkdir(directory, { recursive: true, mode: 0o700 });
  const target = path.join(directory, BOOTSTRAP_KEY_FILE_NAME);
  const temporary = `${target}.${process.pid}.tmp`;
  const file = await open(temporary, 'w', 0o600);
  try {
    // The mode given to open() is masked by the umask and ignored for an existing file.
    await file.chmod(0o600);
    await file.writeFile(`${key}\n`);
    await file.sync();
  } finally {
    await file.close();
  }
  try {
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  return target;
}
