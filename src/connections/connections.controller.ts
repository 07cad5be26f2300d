import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Patch,
  Post,
  Put,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApiPage, PageQuery, sendPage } from '../common/paging';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiIdParam, IdParam } from '../common/id-param';
import {
  ConnectionResponse,
  ConnectionTestResponse,
  CreateConnectionDto,
  toConnectionResponse,
  UpdateConnectionDto,
} from './connections.dto';
import { ConnectionsService } from './connections.service';
import { RequireRole } from '../auth/auth.decorators';
import { Expensive } from '../common/rate-limit';

const UPDATE_DOC =
  'Partial update: omitted fields keep their value (PUT and PATCH behave the same). ' +
  'password: omitted keeps it, null or "" removes it.';

@ApiTags('connections')
@RequireRole('admin') // managing connections is an admin's (reads: viewer, below)
@Controller('connections')
export class ConnectionsController {
  constructor(private readonly connections: ConnectionsService) {}

  @Get()
  @RequireRole('viewer')
  @ApiOperation({ summary: 'List connections (ordered by conn_id; paged)' })
  @ApiPage(ConnectionResponse)
  async list(
    @Query() query: PageQuery,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ConnectionResponse[]> {
    const page = await this.connections.list(query);
    return sendPage(req, res, { ...page, items: page.items.map(toConnectionResponse) });
  }

  @Post()
  @ApiOperation({ summary: 'Register a connection; the password is stored encrypted' })
  @ApiCreatedResponse({ type: ConnectionResponse })
  @ApiBadRequestResponse({ description: 'Invalid body (the message names the field)' })
  @ApiConflictResponse({ description: 'The name is taken' })
  async create(@Body() body: CreateConnectionDto): Promise<ConnectionResponse> {
    return toConnectionResponse(await this.connections.create(body));
  }

  @Get(':conn_id')
  @RequireRole('viewer')
  @ApiOperation({ summary: 'Get a connection' })
  @ApiOkResponse({ type: ConnectionResponse })
  @ApiNotFoundResponse({ description: 'No such connection' })
  @ApiIdParam('conn_id', 'Connection id')
  async get(@IdParam('conn_id') connId: number): Promise<ConnectionResponse> {
    return toConnectionResponse(await this.connections.get(connId));
  }

  @Put(':conn_id')
  @ApiOperation({ summary: 'Update a connection', description: UPDATE_DOC })
  @ApiOkResponse({ type: ConnectionResponse })
  @ApiNotFoundResponse({ description: 'No such connection' })
  @ApiConflictResponse({ description: 'The new name is taken' })
  @ApiIdParam('conn_id', 'Connection id')
  async replace(
    @IdParam('conn_id') connId: number,
    @Body() body: UpdateConnectionDto,
  ): Promise<ConnectionResponse> {
    return toConnectionResponse(await this.connections.update(connId, body));
  }

  @Patch(':conn_id')
  @ApiOperation({ summary: 'Update a connection (same as PUT)', description: UPDATE_DOC })
  @ApiOkResponse({ type: ConnectionResponse })
  @ApiNotFoundResponse({ description: 'No such connection' })
  @ApiConflictResponse({ description: 'The new name is taken' })
  @ApiIdParam('conn_id', 'Connection id')
  async update(
    @IdParam('conn_id') connId: number,
    @Body() body: UpdateConnectionDto,
  ): Promise<ConnectionResponse> {
    return toConnectionResponse(await this.connections.update(connId, body));
  }

  @Delete(':conn_id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete a connection' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiNotFoundResponse({ description: 'No such connection' })
  @ApiConflictResponse({
    description: 'Still used (e.g. by an index); the message names the table',
  })
  @ApiIdParam('conn_id', 'Connection id')
  async remove(@IdParam('conn_id') connId: number): Promise<void> {
    await this.connections.remove(connId);
  }

  @Post(':conn_id/test')
  @Expensive()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Try to connect (5 s timeout) and read the server version',
    description: 'Answers 200 whether or not the connection works; see `status`.',
  })
  @ApiOkResponse({ type: ConnectionTestResponse })
  @ApiNotFoundResponse({ description: 'No such connection' })
  @ApiIdParam('conn_id', 'Connection id')
  async test(@IdParam('conn_id') connId: number): Promise<ConnectionTestResponse> {
    return this.connections.test(connId);
  }
}
