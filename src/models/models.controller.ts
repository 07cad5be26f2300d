import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Patch,
  Post,
  Query,
  Req,
  Res,
  UploadedFile,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { ApiIdParam, IdParam } from '../common/id-param';
import { ApiPage, sendPage } from '../common/paging';
import { createValidationPipe } from '../common/validation';
import { PredictionsFileQuery } from '../snorkel/snorkel.controller';
import { ModelsApi } from './models-api.service';
import { ArtifactUpload } from './upload.interceptor';
import {
  CreateModelDto,
  ListModelsQuery,
  ModelResponse,
  ModelVersionResponse,
  PredictDto,
  PredictionResponse,
  UpdateModelDto,
  UpdateVersionDto,
  UploadFieldsDto,
} from './models.dto';

type Upload = { buffer: Buffer; originalname: string } | undefined;

@ApiTags('models')
@Controller('models')
@ApiExtraModels(CreateModelDto, UploadFieldsDto)
export class ModelsController {
  constructor(private readonly api: ModelsApi) {}

  @Get()
  @ApiOperation({ summary: 'List models (by model_id; paged), each with its versions' })
  @ApiPage(ModelResponse)
  async list(
    @Query() query: ListModelsQuery,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ModelResponse[]> {
    return sendPage(req, res, await this.api.list(query));
  }

  @Post()
  @ArtifactUpload()
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiBody({
    description:
      'JSON: a model without versions yet (a classifier job adds them). multipart/form-data: ' +
      'the same fields as text plus `file`, an ONNX model or a tippers-classifier JSON document, ' +
      'registered as version 1.',
    schema: {
      oneOf: [{ $ref: getSchemaPath(CreateModelDto) }, { $ref: getSchemaPath(UploadFieldsDto) }],
    },
  })
  @ApiOperation({ summary: 'Register a model (optionally with an uploaded artifact)' })
  @ApiCreatedResponse({ type: ModelResponse })
  @ApiBadRequestResponse({
    description: 'Bad fields, an unknown or corrupt artifact, names that do not fit it',
  })
  @ApiConflictResponse({ description: 'The name is taken' })
  @ApiPayloadTooLargeResponse({ description: 'The file is larger than MODEL_UPLOAD_MAX_MB' })
  async create(
    @Body() body: Record<string, unknown>,
    @UploadedFile() file: Upload,
  ): Promise<ModelResponse> {
    if (file) return this.api.upload(null, file, body);
    const dto = (await createValidationPipe().transform(body, {
      type: 'body',
      metatype: CreateModelDto,
    })) as CreateModelDto;
    return this.api.create(dto);
  }

  @Get(':model_id')
  @ApiOperation({ summary: 'Get a model and its versions' })
  @ApiOkResponse({ type: ModelResponse })
  @ApiNotFoundResponse({ description: 'No such model' })
  @ApiIdParam('model_id', 'Model id')
  async get(@IdParam('model_id') modelId: number): Promise<ModelResponse> {
    return this.api.view(modelId);
  }

  @Patch(':model_id')
  @ApiOperation({ summary: "Change a model's name, description, tags or visibility" })
  @ApiOkResponse({ type: ModelResponse })
  @ApiConflictResponse({ description: 'The name is taken' })
  @ApiNotFoundResponse({ description: 'No such model' })
  @ApiIdParam('model_id', 'Model id')
  async update(
    @IdParam('model_id') modelId: number,
    @Body() dto: UpdateModelDto,
  ): Promise<ModelResponse> {
    return this.api.update(modelId, dto);
  }

  @Delete(':model_id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete a model, its versions, predictions and stored artifacts' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiNotFoundResponse({ description: 'No such model' })
  @ApiIdParam('model_id', 'Model id')
  async delete(@IdParam('model_id') modelId: number): Promise<void> {
    await this.api.delete(modelId);
  }

  @Get(':model_id/versions')
  @ApiOperation({ summary: "A model's versions, oldest first" })
  @ApiOkResponse({ type: ModelVersionResponse, isArray: true })
  @ApiNotFoundResponse({ description: 'No such model' })
  @ApiIdParam('model_id', 'Model id')
  async versions(@IdParam('model_id') modelId: number): Promise<ModelVersionResponse[]> {
    return this.api.versions(modelId);
  }

  @Post(':model_id/versions')
  @ArtifactUpload()
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadFieldsDto })
  @ApiOperation({ summary: 'Upload a new version (ONNX or tippers-classifier JSON)' })
  @ApiCreatedResponse({ type: ModelVersionResponse })
  @ApiBadRequestResponse({
    description: 'No file, an unknown or corrupt artifact, names that do not fit it',
  })
  @ApiPayloadTooLargeResponse({ description: 'The file is larger than MODEL_UPLOAD_MAX_MB' })
  @ApiNotFoundResponse({ description: 'No such model' })
  @ApiIdParam('model_id', 'Model id')
  async addVersion(
    @IdParam('model_id') modelId: number,
    @Body() body: Record<string, unknown>,
    @UploadedFile() file: Upload,
  ): Promise<ModelVersionResponse> {
    return this.api.uploadVersion(modelId, file, body);
  }

  @Get(':model_id/versions/:version')
  @ApiOperation({ summary: 'Get a version' })
  @ApiOkResponse({ type: ModelVersionResponse })
  @ApiNotFoundResponse({ description: 'No such model or version' })
  @ApiIdParam('model_id', 'Model id')
  @ApiIdParam('version', 'Version number')
  async version(
    @IdParam('model_id') modelId: number,
    @IdParam('version') version: number,
  ): Promise<ModelVersionResponse> {
    return this.api.version(modelId, version);
  }

  @Patch(':model_id/versions/:version')
  @ApiOperation({
    summary: "Change a version's stage (none, staging, production, archived), description or tags",
  })
  @ApiOkResponse({ type: ModelVersionResponse })
  @ApiNotFoundResponse({ description: 'No such model or version' })
  @ApiIdParam('model_id', 'Model id')
  @ApiIdParam('version', 'Version number')
  async updateVersion(
    @IdParam('model_id') modelId: number,
    @IdParam('version') version: number,
    @Body() dto: UpdateVersionDto,
  ): Promise<ModelVersionResponse> {
    return this.api.updateVersion(modelId, version, dto);
  }

  @Delete(':model_id/versions/:version')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete a version and its artifact' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiNotFoundResponse({ description: 'No such model or version' })
  @ApiIdParam('model_id', 'Model id')
  @ApiIdParam('version', 'Version number')
  async deleteVersion(
    @IdParam('model_id') modelId: number,
    @IdParam('version') version: number,
  ): Promise<void> {
    await this.api.deleteVersion(modelId, version);
  }

  @Get(':model_id/versions/:version/artifact')
  @ApiOperation({ summary: "Download a version's artifact as stored" })
  @ApiProduces('application/json', 'application/octet-stream')
  @ApiOkResponse({ description: 'The artifact' })
  @ApiNotFoundResponse({ description: 'No such model or version' })
  @ApiIdParam('model_id', 'Model id')
  @ApiIdParam('version', 'Version number')
  async artifact(
    @IdParam('model_id') modelId: number,
    @IdParam('version') version: number,
    @Res() res: Response,
  ): Promise<void> {
    const { name, type, stream } = await this.api.artifact(modelId, version);
    res.setHeader('content-type', type);
    res.setHeader('content-disposition', `attachment; filename="${name}"`);
    await pipeline(stream, res);
  }

  @Post(':model_id/predict')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Predict rows now, or every entity of an index as a run',
    description:
      '`rows` (≤ 10000 objects, input name → number; booleans count 0/1; null is imputed by ' +
      'tippers-classifier models): answered at once (200). `index_id` (and `feature_ids`, ' +
      "default the model's): a run of kind model_predict writing Parquet with the entity keys, " +
      'label, confidence and a probability per class (202). Inputs are checked against the ' +
      "model's feature list: 400 names what is missing or mistyped.",
  })
  @ApiOkResponse({ description: 'Predictions of the rows' })
  @ApiAcceptedResponse({ type: PredictionResponse, description: 'The index prediction started' })
  @ApiBadRequestResponse({
    description: 'Missing or mistyped inputs, neither or both of rows and index_id',
  })
  @ApiConflictResponse({ description: 'The model has no usable version' })
  @ApiNotFoundResponse({ description: 'No such model or version' })
  @ApiIdParam('model_id', 'Model id')
  async predict(
    @IdParam('model_id') modelId: number,
    @Body() dto: PredictDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<unknown> {
    const out = await this.api.predict(modelId, dto);
    if ('prediction_id' in out) res.status(HttpStatus.ACCEPTED);
    return out;
  }

  @Get(':model_id/predictions/:prediction_id')
  @ApiOperation({ summary: 'A whole-index prediction and its status' })
  @ApiOkResponse({ type: PredictionResponse })
  @ApiNotFoundResponse({ description: 'No such model or prediction' })
  @ApiIdParam('model_id', 'Model id')
  @ApiIdParam('prediction_id', 'Prediction id')
  async prediction(
    @IdParam('model_id') modelId: number,
    @IdParam('prediction_id') predictionId: number,
  ): Promise<PredictionResponse> {
    return this.api.prediction(modelId, predictionId);
  }

  @Get(':model_id/predictions/:prediction_id/download')
  @ApiOperation({ summary: "A finished prediction's rows as Parquet (default) or CSV" })
  @ApiProduces('application/vnd.apache.parquet', 'text/csv')
  @ApiOkResponse({ description: 'The file' })
  @ApiConflictResponse({ description: 'It has not succeeded' })
  @ApiNotFoundResponse({ description: 'No such model or prediction' })
  @ApiIdParam('model_id', 'Model id')
  @ApiIdParam('prediction_id', 'Prediction id')
  async download(
    @IdParam('model_id') modelId: number,
    @IdParam('prediction_id') predictionId: number,
    @Query() query: PredictionsFileQuery,
    @Res() res: Response,
  ): Promise<void> {
    try {
      await this.api.download(modelId, predictionId, query.format ?? 'parquet', res);
    } catch (e) {
      if (!res.headersSent) throw e;
      res.destroy(e instanceof Error ? e : new Error(String(e)));
    }
  }
}
