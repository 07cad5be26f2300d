import { randomBytes } from 'node:crypto';
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';

const HEX_KEY = /^[0-9a-fA-F]{64}$/;

/**
 * The AES-256 key for secrets at rest: ENCRYPTION_KEY if set, else a key generated once and
 * kept at `file` (mode 0600) so restarts can still decrypt what earlier runs stored.
 */
export async function loadOrCreateEncryptionKey(file: string): Promise<string> {
  if (existsSync(file)) {
    const key = (await fs.readFile(file, 'utf8')).trim();
    if (!HEX_KEY.test(key)) {
      throw new Error(
        `${file} does not hold a 64-hex-character key; restore it or set ENCRYPTION_KEY`,
      );
    }
    return key;
  }
  const key = randomBytes(32).toString('hex');
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  // 'wx': if another process wrote it first, keep theirs
  try {
    await fs.writeFile(file, key + '\n', { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return loadOrCreateEncryptionKey(file);
    throw e;
  }
  return key;
}
