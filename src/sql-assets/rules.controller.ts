import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CreateKeyedAssetDto, RuleResponse, UpdateKeyedAssetDto } from './sql-assets.dto';
import { toRuleResponse } from './sql-assets.responses';
import { sqlAssetController } from './sql-asset.controller';

@ApiTags('rules')
@Controller('concepts/:c_id/rules')
export class RulesController extends sqlAssetController({
  type: 'rule',
  idParam: 'r_id',
  article: 'a rule',
  plural: 'rules',
  keyField: 'index_column',
  create: CreateKeyedAssetDto,
  update: UpdateKeyedAssetDto,
  response: RuleResponse,
  toResponse: toRuleResponse,
  deleteDoc: 'Its materializations and their objects go with it.',
  materializeDoc:
    'If its index was never materialized, that build is requested too and this one waits for it. ',
}) {}
