import { Injectable, NotFoundException } from '@nestjs/common';
import {
  DEFAULT_SPACES_LIMIT,
  ListSpacesQuery,
  MAX_SPACES_LIMIT,
  SpaceResponse,
  SpaceTreeNodeResponse,
  toSpaceResponse,
  toSpaceTreeNodeResponse,
} from './spaces.dto';
import { SpacesRepository } from './spaces.repository';

/** Browsing the TIPPERS space hierarchy (read-only). */
@Injectable()
export class SpacesService {
  constructor(private readonly spaces: SpacesRepository) {}

  async list(query: ListSpacesQuery): Promise<SpaceResponse[]> {
    const limit = Math.min(query.limit ?? DEFAULT_SPACES_LIMIT, MAX_SPACES_LIMIT);
    const rows = await this.spaces.list(query.search, query.skip ?? 0, limit);
    return rows.map(toSpaceResponse);
  }

  async roots(): Promise<SpaceResponse[]> {
    return (await this.spaces.roots()).map(toSpaceResponse);
  }

  async get(spaceId: number): Promise<SpaceResponse> {
    const row = await this.spaces.findById(spaceId);
    if (!row) throw notFound(spaceId);
    return toSpaceResponse(row);
  }

  async children(spaceId: number): Promise<SpaceResponse[]> {
    const [space, children] = await Promise.all([
      this.spaces.findById(spaceId),
      this.spaces.children(spaceId),
    ]);
    if (!space) throw notFound(spaceId);
    return children.map(toSpaceResponse);
  }

  async subtree(rootId: number): Promise<SpaceTreeNodeResponse[]> {
    const rows = await this.spaces.subtree(rootId);
    if (rows.length === 0) throw notFound(rootId);
    return rows.map(toSpaceTreeNodeResponse);
  }
}

function notFound(spaceId: number): NotFoundException {
  return new NotFoundException(`space ${spaceId} not found`);
}
