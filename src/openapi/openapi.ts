import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('tippers-services')
    .setDescription(
      'Smart-building data products: spaces, occupancy datasets, weak supervision and models. ' +
        'Errors are JSON `{statusCode, error, message}`.',
    )
    .setVersion('0.1.0')
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', description: 'An API key (tps_...)' },
      'bearer',
    )
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key' }, 'api-key')
    .build();
  const doc = SwaggerModule.createDocument(app, config);
  // every operation takes either header (Swagger UI's Authorize button fills them); /health none
  doc.security = [{ bearer: [] }, { 'api-key': [] }];
  for (const op of Object.values(doc.paths['/health'] ?? {}))
    if (op && typeof op === 'object' && 'responses' in op) op.security = [];
  return doc;
}

/** Swagger UI at /docs, the spec at /docs-json. */
export function setupOpenApi(app: INestApplication): void {
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'docs-json',
    yamlDocumentUrl: 'docs-yaml',
  });
}
