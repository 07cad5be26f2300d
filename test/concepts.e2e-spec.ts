import { randomBytes } from 'node:crypto';
import { createTestApp, TestApp } from './helpers/test-app';
import { execSql } from './helpers/test-db';

const unique = (p: string) => `${p} ${randomBytes(4).toString('hex')}`;
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

describe('/concepts and their values', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  const newConcept = async (name = unique('concept')) =>
    (await t.http.post('/concepts').send({ name, description: 'd' }).expect(201)).body as {
      c_id: number;
      name: string;
    };

  it('creates, reads, updates (PUT and PATCH) and lists concepts', async () => {
    const c = await newConcept();
    expect(c).toMatchObject({ description: 'd' });
    await t.http
      .put(`/concepts/${c.c_id}`)
      .send({ description: null })
      .expect(200)
      .expect((r) => expect(r.body.description).toBeNull());
    await t.http
      .patch(`/concepts/${c.c_id}`)
      .send({ name: `${c.name} renamed` })
      .expect(200)
      .expect((r) => expect(r.body.name).toBe(`${c.name} renamed`));
    const list = await t.http.get('/concepts?limit=1000').expect(200);
    expect(list.body.map((x: { c_id: number }) => x.c_id)).toContain(c.c_id);
    await t.http.get('/concepts/999999').expect(404);
    await t.http.post('/concepts').send({ name: '   ' }).expect(400);
    await t.http.post('/concepts').send({ name: 'x', extra: 1 }).expect(400);
    const long = await t.http
      .post('/concepts')
      .send({ name: unique('long'), description: 'x'.repeat(10_001) })
      .expect(400);
    expect(long.body.message).toMatch(/description must be a string of at most 10000 characters/);
    await t.http
      .post('/concepts')
      .send({ name: unique('n'), description: 5 })
      .expect(400);
  });

  it('lets the database decide a name race: one concept, the rest 409', async () => {
    const name = unique('race');
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => t.http.post('/concepts').send({ name })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    const rows = (await execSql(
      t.appDbUrl,
      'SELECT count(*)::int AS n FROM concepts WHERE name = $1',
      [name],
    )) as { n: number }[];
    expect(rows[0].n).toBe(1);
  });

  it('keeps values as a tree with computed levels and refuses cycles and foreign parents', async () => {
    const c = await newConcept();
    const post = (body: object) => t.http.post(`/concepts/${c.c_id}/values`).send(body);
    const device = (await post({ name: 'device', display_order: 2 }).expect(201)).body;
    const person = (await post({ name: 'person', display_order: 1 }).expect(201)).body;
    const phone = (await post({ name: 'phone', parent_cv_id: device.cv_id }).expect(201)).body;
    const ios = (await post({ name: 'ios', parent_cv_id: phone.cv_id, level: 2 }).expect(201)).body;
    expect([device.level, phone.level, ios.level]).toEqual([0, 1, 2]);
    await post({ name: 'bad level', parent_cv_id: phone.cv_id, level: 5 })
      .expect(400)
      .expect((r) => expect(r.body.message).toMatch(/level 5 does not match the tree/));
    await post({ name: 'phone' }).expect(409);

    const other = await newConcept();
    const foreign = (
      await t.http.post(`/concepts/${other.c_id}/values`).send({ name: 'x' }).expect(201)
    ).body;
    await post({ name: 'orphan', parent_cv_id: foreign.cv_id })
      .expect(400)
      .expect((r) => expect(r.body.message).toMatch(/not a value of concept/));

    // a value cannot move under its own descendant
    await t.http
      .put(`/concepts/${c.c_id}/values/${device.cv_id}`)
      .send({ parent_cv_id: ios.cv_id })
      .expect(400)
      .expect((r) => expect(r.body.message).toMatch(/own ancestor/));

    // moving a subtree shifts the levels below it
    await t.http
      .patch(`/concepts/${c.c_id}/values/${phone.cv_id}`)
      .send({ parent_cv_id: person.cv_id })
      .expect(200);
    await t.http
      .patch(`/concepts/${c.c_id}/values/${phone.cv_id}`)
      .send({ parent_cv_id: null })
      .expect(200)
      .expect((r) => expect(r.body.level).toBe(0));
    const moved = await t.http.get(`/concepts/${c.c_id}/values/${ios.cv_id}`).expect(200);
    expect(moved.body.level).toBe(1);

    const tree = await t.http.get(`/concepts/${c.c_id}/values/tree`).expect(200);
    const shape = (nodes: { name: string; children: unknown[] }[]): unknown =>
      nodes.map((n) => [n.name, shape(n.children as never)]);
    // by display_order, then name
    expect(shape(tree.body)).toEqual([
      ['phone', [['ios', []]]],
      ['person', []],
      ['device', []],
    ]);
  });

  it('refuses to delete a value with children (409 listing them) unless cascade', async () => {
    const c = await newConcept();
    const post = (body: object) => t.http.post(`/concepts/${c.c_id}/values`).send(body);
    const a = (await post({ name: 'a' }).expect(201)).body;
    const b = (await post({ name: 'b', parent_cv_id: a.cv_id }).expect(201)).body;
    const cc = (await post({ name: 'c', parent_cv_id: b.cv_id }).expect(201)).body;
    const conflict = await t.http.delete(`/concepts/${c.c_id}/values/${a.cv_id}`).expect(409);
    expect(conflict.body.dependents).toEqual([
      { type: 'value', id: b.cv_id, name: 'b' },
      { type: 'value', id: cc.cv_id, name: 'c' },
    ]);
    expect(conflict.body.message).toMatch(/cascade=true/);
    await t.http.delete(`/concepts/${c.c_id}/values/${a.cv_id}?cascade=maybe`).expect(400);
    await t.http.delete(`/concepts/${c.c_id}/values/${a.cv_id}?cascade=true`).expect(204);
    const left = await t.http.get(`/concepts/${c.c_id}/values`).expect(200);
    expect(left.body).toEqual([]);
  });

  it('deletes a concept with its values', async () => {
    const c = await newConcept();
    const a = (await t.http.post(`/concepts/${c.c_id}/values`).send({ name: 'a' }).expect(201))
      .body;
    await t.http.post(`/concepts/${c.c_id}/values`).send({ name: 'b', parent_cv_id: a.cv_id });
    await t.http.delete(`/concepts/${c.c_id}`).expect(204);
    await t.http.get(`/concepts/${c.c_id}`).expect(404);
    const rows = (await execSql(
      t.appDbUrl,
      'SELECT count(*)::int AS n FROM concept_values WHERE c_id = $1',
      [c.c_id],
    )) as { n: number }[];
    expect(rows[0].n).toBe(0);
  });
});

describe('concept roles (keys required)', () => {
  const admin = `tps_${'B'.repeat(43)}`;
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { AUTH_MODE: 'keys', ADMIN_API_KEY: admin } });
  });
  afterAll(async () => t?.close());

  it('reads need viewer, writes editor, deletes with cascade admin', async () => {
    const key = async (role: string) =>
      (
        await t.http
          .post('/auth/keys')
          .set(bearer(admin))
          .send({ name: `k ${role}`, role })
          .expect(201)
      ).body.key as string;
    const viewer = await key('viewer');
    const editor = await key('editor');
    await t.http.get('/concepts').expect(401);
    await t.http.get('/concepts').set(bearer(viewer)).expect(200);
    await t.http.post('/concepts').set(bearer(viewer)).send({ name: 'no' }).expect(403);
    const c = (
      await t.http.post('/concepts').set(bearer(editor)).send({ name: 'roles' }).expect(201)
    ).body;
    const v = (
      await t.http
        .post(`/concepts/${c.c_id}/values`)
        .set(bearer(editor))
        .send({ name: 'v' })
        .expect(201)
    ).body;
    await t.http
      .delete(`/concepts/${c.c_id}/values/${v.cv_id}?cascade=true`)
      .set(bearer(editor))
      .expect(403)
      .expect((r) => expect(r.body.message).toMatch(/admin role/));
    await t.http.delete(`/concepts/${c.c_id}/values/${v.cv_id}`).set(bearer(editor)).expect(204);
    await t.http.delete(`/concepts/${c.c_id}?cascade=1`).set(bearer(editor)).expect(403);
    await t.http.delete(`/concepts/${c.c_id}?cascade=1`).set(bearer(admin)).expect(204);
  });
});
