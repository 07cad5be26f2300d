import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CreateKeyedAssetDto, FeatureResponse, UpdateKeyedAssetDto } from './sql-assets.dto';
import { toFeatureResponse } from './sql-assets.responses';
import { sqlAssetController } from './sql-asset.controller';

@ApiTags('features')
@Controller('concepts/:c_id/features')
export class FeaturesController extends sqlAssetController({
  type: 'feature',
  idParam: 'feature_id',
  article: 'a feature',
  plural: 'features',
  keyField: 'index_column',
  create: CreateKeyedAssetDto,
  update: UpdateKeyedAssetDto,
  response: FeatureResponse,
  toResponse: toFeatureResponse,
  deleteDoc: 'Its materializations and their objects go with it.',
  materializeDoc:
    'If its index was never materialized, that build is requested too and this one waits for it. ',
}) {}
