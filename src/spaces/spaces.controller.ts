import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiIdParam, IdParam } from '../common/id-param';
import { ApiPage, PageQuery, sendPage } from '../common/paging';
import { ListSpacesQuery, SpaceResponse, SpaceTreeNodeResponse } from './spaces.dto';
import { SpacesService } from './spaces.service';

@ApiTags('spaces')
@ApiBadRequestResponse({ description: 'A malformed id or query parameter (named in message)' })
@Controller('spaces')
export class SpacesController {
  constructor(private readonly spaces: SpacesService) {}

  @Get()
  @ApiOperation({ summary: 'List spaces, optionally filtered by name, by name then id (paged)' })
  @ApiPage(SpaceResponse)
  async list(
    @Query() query: ListSpacesQuery,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SpaceResponse[]> {
    return sendPage(req, res, await this.spaces.list(query));
  }

  // declared before :space_id so "roots" is not read as an id
  @Get('roots')
  @ApiOperation({
    summary: 'Top-level spaces: no parent, or a parent id that names no existing space',
  })
  @ApiPage(SpaceResponse)
  async roots(
    @Query() query: PageQuery,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SpaceResponse[]> {
    return sendPage(req, res, await this.spaces.roots(query));
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
  @ApiPage(SpaceResponse)
  @ApiNotFoundResponse({ description: 'No such space' })
  async children(
    @IdParam('space_id') spaceId: number,
    @Query() query: PageQuery,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SpaceResponse[]> {
    return sendPage(req, res, await this.spaces.children(spaceId, query));
  }

  @Get(':space_id/subtree')
  @ApiOperation({
    summary: 'The space and all its descendants, each once (safe on parent cycles)',
    description: 'Root first (depth 0), then by depth and name.',
  })
  @ApiIdParam('space_id', 'TIPPERS space id')
  @ApiPage(SpaceTreeNodeResponse)
  @ApiNotFoundResponse({ description: 'No such space' })
  async subtree(
    @IdParam('space_id') spaceId: number,
    @Query() query: PageQuery,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SpaceTreeNodeResponse[]> {
    return sendPage(req, res, await this.spaces.subtree(spaceId, query));
  }
}
