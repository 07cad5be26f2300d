import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CreateIndexDto, IndexResponse, UpdateIndexDto } from './sql-assets.dto';
import { toIndexResponse } from './sql-assets.responses';
import { sqlAssetController } from './sql-asset.controller';

@ApiTags('indexes')
@Controller('concepts/:c_id/indexes')
export class IndexesController extends sqlAssetController({
  type: 'index',
  idParam: 'index_id',
  article: 'an index',
  plural: 'indexes',
  keyField: 'key_column',
  create: CreateIndexDto,
  update: UpdateIndexDto,
  response: IndexResponse,
  toResponse: toIndexResponse,
  deleteDoc:
    'An index with rules or features is a 409 listing them; `?cascade=true` (admin) deletes them too.',
  materializeDoc: '',
}) {}
