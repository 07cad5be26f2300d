import { Injectable, NotFoundException } from '@nestjs/common';
import { encodeCursor } from '../../libs/page-cursor';
import { cursorPosition, Page, pageLimit, pageOf, PageQuery } from '../common/paging';
import {
  ListSpacesQuery,
  SpaceResponse,
  SpaceTreeNodeResponse,
  toSpaceResponse,
  toSpaceTreeNodeResponse,
} from './spaces.dto';
import { NamePosition, SpaceRow, SpacesRepository, SpaceTreeRow } from './spaces.repository';

const NAME_CURSOR = ['text?', 'int'] as const;
const TREE_CURSOR = ['int', 'text?', 'int'] as const;

/** The keyset position in a cursor of a by-name list. */
function namePosition(cursor: string | undefined): NamePosition | undefined {
  const pos = cursorPosition(cursor, NAME_CURSOR);
  return pos && { name: pos[0], id: pos[1] };
}

const nameCursor = (r: SpaceRow) => encodeCursor([r.space_name, r.space_id]);

/** Browsing the TIPPERS space hierarchy (read-only). Every list pages (docs/api.md, "Lists"). */
@Injectable()
export class SpacesService {
  constructor(private readonly spaces: SpacesRepository) {}

  async list(query: ListSpacesQuery): Promise<Page<SpaceResponse>> {
    const limit = pageLimit(query.limit);
    const rows = await this.spaces.list(
      query.search,
      query.skip ?? 0,
      limit + 1,
      namePosition(query.cursor),
    );
    return pageOf(rows, limit, toSpaceResponse, nameCursor);
  }

  async roots(query: PageQuery): Promise<Page<SpaceResponse>> {
    const limit = pageLimit(query.limit);
    const rows = await this.spaces.roots(limit + 1, namePosition(query.cursor));
    return pageOf(rows, limit, toSpaceResponse, nameCursor);
  }

  async get(spaceId: number): Promise<SpaceResponse> {
    const row = await this.spaces.findById(spaceId);
    if (!row) throw notFound(spaceId);
    return toSpaceResponse(row);
  }

  async children(spaceId: number, query: PageQuery): Promise<Page<SpaceResponse>> {
    const limit = pageLimit(query.limit);
    const after = namePosition(query.cursor);
    const [space, rows] = await Promise.all([
      this.spaces.findById(spaceId),
      this.spaces.children(spaceId, limit + 1, after),
    ]);
    if (!space) throw notFound(spaceId);
    return pageOf(rows, limit, toSpaceResponse, nameCursor);
  }

  async subtree(rootId: number, query: PageQuery): Promise<Page<SpaceTreeNodeResponse>> {
    const limit = pageLimit(query.limit);
    const pos = cursorPosition(query.cursor, TREE_CURSOR);
    const after = pos && { depth: pos[0], name: pos[1], id: pos[2] };
    const rows = await this.spaces.subtree(rootId, { limit: limit + 1, after });
    if (!after && rows.length === 0) throw notFound(rootId);
    if (after && !(await this.spaces.findById(rootId))) throw notFound(rootId);
    return pageOf(rows, limit, toSpaceTreeNodeResponse, (r: SpaceTreeRow) =>
      encodeCursor([r.depth, r.space_name, r.space_id]),
    );
  }
}

function notFound(spaceId: number): NotFoundException {
  return new NotFoundException(`space ${spaceId} not found`);
}
