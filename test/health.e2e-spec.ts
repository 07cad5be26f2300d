import { createEmptyDatabase, dropDatabase } from './helpers/test-db';
import { createTestApp, TestApp } from './helpers/test-app';

describe('GET /health', () => {
  let t: TestApp;
  afterEach(async () => t?.close());

  it('answers 200 with both database checks up when both databases answer', async () => {
    t = await createTestApp();
    const res = await t.http.get('/health').expect(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.checks.app_db.status).toBe('up');
    expect(res.body.checks.tippers_db.status).toBe('up');
  });

  it('answers 503 naming tippers_db when the tippers database is gone', async () => {
    const tippers = await createEmptyDatabase('test_gone');
    t = await createTestApp({ tippersDbUrl: tippers.url });
    await dropDatabase(tippers.name);
    const res = await t.http.get('/health').expect(503);
    expect(res.body.status).toBe('error');
    expect(res.body.checks.tippers_db.status).toBe('down');
    expect(res.body.checks.app_db.status).toBe('up');
    expect(res.body.message).toContain('tippers_db');
  });
});
