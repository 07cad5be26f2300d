import { listAll } from './helpers/lists';
import { createTestApp, TestApp } from './helpers/test-app';
import {
  BULK_COUNT,
  BULK_FIRST_ID,
  CHAIN_FIRST_ID,
  CHAIN_LENGTH,
  createSpacesFixture,
  SpacesFixture,
  TOTAL_SPACES,
} from './fixtures/spaces-fixture';

interface Space {
  space_id: number;
  space_name: string;
  parent_space_id: number | null;
  building_room: string | null;
  depth?: number;
}

const ids = (body: Space[]): number[] => body.map((s) => s.space_id);
const idSet = (body: Space[]): number[] => ids(body).sort((a, b) => a - b);
const sorted = (list: number[]): number[] => [...list].sort((a, b) => a - b);
const bulkId = (n: number): number => BULK_FIRST_ID + n - 1;

describe('spaces', () => {
  let fixture: SpacesFixture;
  let t: TestApp;

  beforeAll(async () => {
    fixture = await createSpacesFixture();
    t = await createTestApp({ tippersDbUrl: fixture.url });
  });
  afterAll(async () => {
    await t?.close();
    await fixture?.drop();
  });

  const get = (path: string) => t.http.get(path);

  describe('GET /spaces', () => {
    it('returns the first 100 spaces by default, with the four seed fields', async () => {
      const res = await get('/spaces').expect(200);
      expect(res.body).toHaveLength(100);
      expect(Object.keys(res.body[0]).sort()).toEqual([
        'building_room',
        'parent_space_id',
        'space_id',
        'space_name',
      ]);
    });

    it('matches names case-insensitively', async () => {
      const lower = await get('/spaces?search=lobby').expect(200);
      const upper = await get('/spaces?search=LOBBY').expect(200);
      expect(idSet(lower.body)).toEqual([1012, 2001, 2002]);
      expect(idSet(upper.body)).toEqual([1012, 2001, 2002]);
    });

    it('takes % literally', async () => {
      const res = await get('/spaces').query({ search: '%' }).expect(200);
      expect(idSet(res.body)).toEqual([1001]);
      const res2 = await get('/spaces').query({ search: '100%' }).expect(200);
      expect(idSet(res2.body)).toEqual([1001]);
    });

    it('takes _ literally', async () => {
      const res = await get('/spaces').query({ search: '_' }).expect(200);
      expect(idSet(res.body)).toEqual([1002]);
      // as a wildcard "m_1" would also match "RoomX1"
      const res2 = await get('/spaces').query({ search: 'm_1' }).expect(200);
      expect(idSet(res2.body)).toEqual([1002]);
    });

    it('takes \\ literally', async () => {
      const res = await get('/spaces').query({ search: '\\' }).expect(200);
      expect(idSet(res.body)).toEqual([1011]);
      expect(res.body[0].space_name).toBe('Back\\Slash');
      const res2 = await get('/spaces').query({ search: 'k\\s' }).expect(200);
      expect(idSet(res2.body)).toEqual([1011]);
    });

    it('returns an empty array when nothing matches', async () => {
      const res = await get('/spaces?search=no-such-space-name').expect(200);
      expect(res.body).toEqual([]);
    });

    it('orders by name, then by id for equal names', async () => {
      const res = await get('/spaces?search=twin').expect(200);
      expect(ids(res.body)).toEqual([800, 801]);
    });

    it('pages with skip and limit in name order', async () => {
      const res = await get('/spaces?search=bulk&skip=10&limit=5').expect(200);
      expect(ids(res.body)).toEqual([11, 12, 13, 14, 15].map(bulkId));
      expect(res.body.map((s: Space) => s.space_name)).toEqual([
        'Bulk 0011',
        'Bulk 0012',
        'Bulk 0013',
        'Bulk 0014',
        'Bulk 0015',
      ]);
    });

    it('returns what is left after skip on the last page', async () => {
      const res = await get(`/spaces?skip=${TOTAL_SPACES - 7}&limit=100`).expect(200);
      expect(res.body).toHaveLength(7);
      const past = await get(`/spaces?skip=${TOTAL_SPACES}`).expect(200);
      expect(past.body).toEqual([]);
    });

    it('pages by cursor through every match exactly once, equal names and all', async () => {
      const all = (await get('/spaces?limit=5000').expect(200)).body as Space[];
      const paged = await listAll<Space>(t, '/spaces', { limit: 7 });
      expect(paged.length).toBeGreaterThan(all.length); // more than one capped page
      expect(new Set(ids(paged)).size).toBe(paged.length);
      expect(ids(paged).slice(0, all.length)).toEqual(ids(all));
      const twins = await listAll<Space>(t, '/spaces', { search: 'twin', limit: 1 });
      expect(ids(twins)).toEqual([800, 801]);
    });

    it('caps limit at 1000', async () => {
      const res = await get('/spaces?limit=5000').expect(200);
      expect(res.body).toHaveLength(1000);
      const bulk = await get('/spaces?search=Bulk&limit=1000000').expect(200);
      expect(ids(bulk.body)).toEqual(Array.from({ length: 1000 }, (_, i) => bulkId(i + 1)));
      const rest = await get('/spaces?search=Bulk&skip=1000&limit=5000').expect(200);
      expect(rest.body).toHaveLength(BULK_COUNT - 1000);
    });

    it.each([
      ['limit=abc', 'limit'],
      ['limit=-1', 'limit'],
      ['limit=0', 'limit'],
      ['limit=1.5', 'limit'],
      ['limit=', 'limit'],
      ['limit=1&limit=2', 'limit'],
      ['skip=-5', 'skip'],
      ['skip=abc', 'skip'],
      ['skip=2.5', 'skip'],
      ['skip=1e3', 'skip'],
      ['skip=99999999999999999999', 'skip'],
      ['search=a&search=b', 'search'],
      ['serch=lab', 'serch'],
    ])('answers 400 naming the field for ?%s', async (qs, field) => {
      const res = await get(`/spaces?${qs}`).expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(res.body.message).toContain(field);
    });
  });

  describe('GET /spaces/roots', () => {
    it('lists spaces with no parent or a missing parent, by name, and no cycle members', async () => {
      const res = await get('/spaces/roots').expect(200);
      expect(ids(res.body)).toEqual([600, 900, 700, 300, 1]);
    });
  });

  describe('GET /spaces/:space_id', () => {
    it('returns the space', async () => {
      const res = await get('/spaces/1001').expect(200);
      expect(res.body).toEqual({
        space_id: 1001,
        space_name: '100% Lab',
        parent_space_id: 100,
        building_room: 'EH-1001',
      });
    });

    it('answers 404 for an unknown space', async () => {
      const res = await get('/spaces/424242').expect(404);
      expect(res.body).toEqual({
        statusCode: 404,
        error: 'Not Found',
        message: 'space 424242 not found',
      });
    });
  });

  describe('GET /spaces/:space_id/children', () => {
    it('returns exactly the direct children', async () => {
      expect(idSet((await get('/spaces/1/children').expect(200)).body)).toEqual([10, 20]);
      expect(idSet((await get('/spaces/100/children').expect(200)).body)).toEqual([
        1001, 1002, 1003,
      ]);
      expect(idSet((await get('/spaces/101/children').expect(200)).body)).toEqual([
        800, 801, 1011, 1012,
      ]);
    });

    it('returns [] for a space with no children', async () => {
      expect((await get('/spaces/201/children').expect(200)).body).toEqual([]);
      expect((await get('/spaces/600/children').expect(200)).body).toEqual([]);
    });

    it('follows parent links inside a cycle and leaves a self-parent out of its own children', async () => {
      expect(idSet((await get('/spaces/401/children').expect(200)).body)).toEqual([402, 403]);
      expect(idSet((await get('/spaces/402/children').expect(200)).body)).toEqual([400]);
      expect(idSet((await get('/spaces/500/children').expect(200)).body)).toEqual([501]);
    });

    it('answers 404 for an unknown space', async () => {
      const res = await get('/spaces/424242/children').expect(404);
      expect(res.body.message).toBe('space 424242 not found');
    });
  });

  describe('GET /spaces/:space_id/subtree', () => {
    const depthsOf = (body: Space[]) => Object.fromEntries(body.map((s) => [s.space_id, s.depth]));

    it('returns a building and every descendant exactly once, root first, by depth', async () => {
      const res = await get('/spaces/10/subtree').expect(200);
      const expected: Record<number, number> = {
        10: 0,
        100: 1,
        101: 1,
        1001: 2,
        1002: 2,
        1003: 2,
        1011: 2,
        1012: 2,
        800: 2,
        801: 2,
      };
      expect(res.body).toHaveLength(Object.keys(expected).length);
      expect(depthsOf(res.body)).toEqual(expected);
      expect(res.body[0].space_id).toBe(10);
      const depths = res.body.map((s: Space) => s.depth);
      expect(depths).toEqual([...depths].sort((a, b) => a - b));
      expect(ids(res.body.slice(1, 3))).toEqual([100, 101]);
    });

    it('covers both buildings from the campus', async () => {
      const res = await get('/spaces/1/subtree').expect(200);
      expect(idSet(res.body)).toEqual(
        sorted([
          1, 10, 20, 100, 101, 200, 201, 1001, 1002, 1003, 1011, 1012, 800, 801, 2001, 2002, 2003,
        ]),
      );
    });

    it('returns just the space for a leaf', async () => {
      const res = await get('/spaces/2003/subtree').expect(200);
      expect(res.body).toEqual([
        {
          space_id: 2003,
          space_name: '100 Percent Hall',
          parent_space_id: 200,
          building_room: 'SL-1003',
          depth: 0,
        },
      ]);
    });

    it('terminates on a parent cycle and lists each member once', async () => {
      const a = await get('/spaces/400/subtree').expect(200);
      expect(depthsOf(a.body)).toEqual({ 400: 0, 401: 1, 402: 2, 403: 2 });
      expect(a.body).toHaveLength(4);
      const b = await get('/spaces/401/subtree').expect(200);
      expect(depthsOf(b.body)).toEqual({ 401: 0, 402: 1, 403: 1, 400: 2 });
      expect(b.body).toHaveLength(4);
    });

    it('terminates on a space that is its own parent', async () => {
      const res = await get('/spaces/500/subtree').expect(200);
      expect(depthsOf(res.body)).toEqual({ 500: 0, 501: 1 });
      expect(res.body).toHaveLength(2);
    });

    it('walks the subtree of an orphan root and of a large flat parent', async () => {
      expect(idSet((await get('/spaces/300/subtree').expect(200)).body)).toEqual([300, 3001]);
      // 1,201 spaces: the first page holds 100 and says where the next one is
      const first = await get('/spaces/700/subtree').expect(200);
      expect(first.body).toHaveLength(100);
      expect(first.headers['x-next-cursor']).toEqual(expect.any(String));
      const big = await listAll<Space>(t, '/spaces/700/subtree');
      expect(big).toHaveLength(BULK_COUNT + 1);
      expect(new Set(ids(big)).size).toBe(BULK_COUNT + 1);
    });

    it('follows a chain 100 levels deep to its end, in depth order', async () => {
      const chain = Array.from({ length: CHAIN_LENGTH }, (_, i) => CHAIN_FIRST_ID + i);
      for (const limit of [7, 1000]) {
        const tree = await listAll<Space>(t, '/spaces/900/subtree', { limit });
        expect(ids(tree)).toEqual([900, ...chain]);
        expect(tree.map((s: Space) => s.depth)).toEqual([0, ...chain.map((_, i) => i + 1)]);
      }
    });

    it('answers 404 for an unknown root', async () => {
      const res = await get('/spaces/424242/subtree').expect(404);
      expect(res.body).toEqual({
        statusCode: 404,
        error: 'Not Found',
        message: 'space 424242 not found',
      });
    });
  });

  describe('malformed ids', () => {
    it.each(['abc', '-1', '1.5', '1e3', '99999999999', '0'])(
      'answers 400 naming space_id for %s',
      async (id) => {
        for (const suffix of ['', '/children', '/subtree']) {
          const res = await get(`/spaces/${id}${suffix}`).expect(400);
          expect(res.body.statusCode).toBe(400);
          expect(res.body.message).toContain('space_id');
        }
      },
    );
  });

  it('documents the endpoints in the OpenAPI spec', async () => {
    const res = await get('/docs-json').expect(200);
    const paths = Object.keys(res.body.paths);
    for (const p of [
      '/spaces',
      '/spaces/roots',
      '/spaces/{space_id}',
      '/spaces/{space_id}/children',
      '/spaces/{space_id}/subtree',
    ]) {
      expect(paths).toContain(p);
    }
    const params = res.body.paths['/spaces'].get.parameters.map((p: { name: string }) => p.name);
    expect(params.sort()).toEqual(['cursor', 'limit', 'search', 'skip']);
    expect(res.body.components.schemas.SpaceResponse.required).toEqual(
      expect.arrayContaining(['space_id', 'space_name', 'parent_space_id', 'building_room']),
    );
  });
});
