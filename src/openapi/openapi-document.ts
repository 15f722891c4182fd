import { type INestApplication, RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from '../app.module.js';
import { APP_VERSION } from '../common/app-version.js';

export const API_PREFIX = 'api/v1';

/** /mcp sits at the root, where MCP clients look for it; Swagger and metrics beside it. */
export function applyGlobalPrefix(app: INestApplication): void {
  app.setGlobalPrefix(API_PREFIX, {
    exclude: [
      { path: 'docs', method: RequestMethod.ALL },
      { path: 'mcp', method: RequestMethod.ALL },
      { path: 'metrics', method: RequestMethod.GET },
    ],
  });
}

/** The OpenAPI document of an app whose routes are registered (prefix applied). */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Personal AI Assistant API')
      .setDescription(
        'Capture thoughts in under a second; the assistant tags them, finds tasks and spots patterns. ' +
          'Click "Authorize" and paste your API key (pai_...) to try the routes. ' +
          "Key scopes: admin (admin routes and its own data), user (all of its user's data), " +
          'read (GET routes marked x-key-scopes: read) and capture (POST /api/v1/thoughts only); ' +
          'outside its scope a key gets 403.',
      )
      .setVersion(APP_VERSION)
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'pai_ API key' })
      .addSecurityRequirements('bearer')
      .build(),
  );
}

/**
 * The same document without a database: Nest's preview mode registers modules and
 * controllers but instantiates no provider, so nothing connects anywhere. Used to generate
 * the dashboard's API types (`npm run openapi:types`).
 */
export async function previewOpenApiDocument(): Promise<OpenAPIObject> {
  const app = await NestFactory.create(
    AppModule.forRoot({ databaseUrl: 'postgres://preview.invalid/none' }),
    {
      preview: true,
      logger: false,
      abortOnError: false,
    },
  );
  try {
    applyGlobalPrefix(app);
    return buildOpenApiDocument(app);
  } finally {
    await app.close();
  }
}
