import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * Where the built dashboard is: dist/web beside the compiled service (dist/src/admin → dist/web),
 * or the repository's dist/web when the service runs from its sources (tests, ts-node).
 * Undefined when it has not been built.
 */
export function dashboardDir(): string | undefined {
  return [path.resolve(__dirname, '../../web'), path.resolve(__dirname, '../../dist/web')].find(
    (dir) => existsSync(path.join(dir, 'index.html')) && existsSync(path.join(dir, 'assets')),
  );
}
