import type { Test } from 'supertest';

/** Something that sends requests: supertest's agent on the app or on a URL. */
interface Http {
  post(path: string): Test;
}

/** POST /connections for a test database at `url` (the local server's trust auth); its conn_id. */
export async function registerConnection(http: Http, name: string, url: string): Promise<number> {
  const u = new URL(url);
  const res = await http.post('/connections').send({
    name,
    host: '127.0.0.1',
    port: Number(u.port || 5432),
    database: decodeURIComponent(u.pathname.slice(1)),
    user: decodeURIComponent(u.username) || 'postgres',
    password: decodeURIComponent(u.password) || 'unused',
  });
  if (res.status !== 201)
    throw new Error(`registering connection ${name}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.conn_id as number;
}
