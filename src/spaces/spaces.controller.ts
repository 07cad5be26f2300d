import { Controller, Get, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiIdParam, IdParam } from '../common/id-param';
import { ListSpacesQuery, SpaceResponse, SpaceTreeNodeResponse } from './spaces.dto';
import { SpacesService } from './spaces.service';

@ApiTags('spaces')
@ApiBadRequestResponse({ description: 'A malformed id or query parameter (named in message)' })
@Controller('spaces')
export class SpacesController {
  constructor(private readonly spaces: SpacesService) {}

  @Get()
  @ApiOperation({ summary: 'List spaces, optionally filtered by name, by name then id' })
  @ApiOkResponse({ type: SpaceResponse, isArray: true })
  list(@Query() query: ListSpacesQuery): Promise<SpaceResponse[]> {
    return this.spaces.list(query);
  }

  // declared before :space_id so "roots" is not read as an id
  @Get('roots')
  @ApiOperation({
    summary: 'Top-level spaces: no parent, or a parent id that names no existing space',
  })
  @ApiOkResponse({ type: SpaceResponse, isArray: true })
  roots(): Promise<SpaceResponse[]> {
    return this.spaces.roots();
  }

  @Get(':space_id')
  @ApiOperation({ summary: 'One space' })
  @ApiIdParam('space_id', 'TIPPERS space id')
  @ApiOkResponse({ type: SpaceResponse })
  @ApiNotFoundResponse({ description: 'No such space' })
  get(@IdParam('space_id') spaceId: number): Promise<SpaceResponse> {
    return this.spaces.get(spaceId);
  }

  @Get(':space_id/children')
  @ApiOperation({ summary: 'Direct children of a space, by name' })
  @ApiIdParam('space_id', 'TIPPERS space id')
  @ApiOkResponse({ type: SpaceResponse, isArray: true })
  @ApiNotFoundResponse({ description: 'No such space' })
  children(@IdParam('space_id') spaceId: number): Promise<SpaceResponse[]> {
    return this.spaces.children(spaceId);
  }

  @Get(':space_id/subtree')
  @ApiOperation({
    summary: 'The space and all its descendants, each once (safe on parent cycles)',
    description: 'Root first (depth 0), then by depth and name.',
  })
  @ApiIdParam('space_id', 'TIPPERS space id')
  @ApiOkResponse({ type: SpaceTreeNodeResponse, isArray: true })
  @ApiNotFoundResponse({ description: 'No such space' })
  subtree(@IdParam('space_id') spaceId: number): Promise<SpaceTreeNodeResponse[]> {
    return this.spaces.subtree(spaceId);
  }
}
