import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The machine's Chromium for browser tests (Playwright cannot download its own here): the
 * Debian package's /usr/bin/chromium, or CHROMIUM_PATH. Undefined when there is none.
 */
export function chromiumPath(): string | undefined {
  const candidates = [
    process.env.CHROMIUM_PATH,
    ...(process.env.PATH ?? '')
      .split(path.delimiter)
      .flatMap((dir) => [path.join(dir, 'chromium'), path.join(dir, 'chromium-browser')]),
    '/usr/bin/chromium',
  ];
  return candidates.find((c): c is string => !!c && existsSync(c));
}
