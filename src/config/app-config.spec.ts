import * as path from 'node:path';
import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('gives the embedded defaults when nothing is set', () => {
    const c = loadConfig({}, '/srv/app');
    expect(c).toMatchObject({ port: 8000, appRole: 'all', logLevel: 'info' });
    expect(c.dataDir).toBe(path.resolve('/srv/app', 'data'));
    expect(c.databaseUrl).toBeUndefined();
    expect(c.tippersDbUrl).toBeUndefined();
    expect(c.encryptionKey).toBeUndefined();
  });

  it('reads and converts the variables it knows', () => {
    const c = loadConfig(
      {
        PORT: '9001',
        DATA_DIR: '/var/lib/tippers',
        DATABASE_URL: 'postgresql://u@db:5432/app',
        TIPPERS_DB_URL: 'postgres://u@tippers/t',
        ENCRYPTION_KEY: 'ab'.repeat(32),
        APP_ROLE: 'worker',
        LOG_LEVEL: 'debug',
      },
      '/x',
    );
    expect(c).toMatchObject({
      port: 9001,
      dataDir: '/var/lib/tippers',
      databaseUrl: 'postgresql://u@db:5432/app',
      tippersDbUrl: 'postgres://u@tippers/t',
      encryptionKey: 'ab'.repeat(32),
      appRole: 'worker',
      logLevel: 'debug',
    });
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: ' ' }).databaseUrl).toBeUndefined();
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://x/y'],
    ['TIPPERS_DB_URL', 'not a url'],
    ['ENCRYPTION_KEY', 'short'],
    ['APP_ROLE', 'boss'],
    ['LOG_LEVEL', 'loud'],
  ])('rejects %s=%s with a message naming the variable', (name, value) => {
    expect.assertions(2);
    try {
      loadConfig({ [name]: value });
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as ConfigError).message).toContain(name);
    }
  });

  it('lists every bad variable at once', () => {
    expect(() => loadConfig({ PORT: 'x', APP_ROLE: 'y' })).toThrow(
      /PORT[\s\S]*APP_ROLE|APP_ROLE[\s\S]*PORT/,
    );
  });
});
