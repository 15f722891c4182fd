import { existsSync } from 'node:fs';
import path from 'node:path';
import { type INestApplication, ValidationPipe } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import type { Logger } from 'pino';
import { AuthFailureLimiter } from './auth/auth-failure-limiter.js';
import { preBodyGate } from './auth/pre-body-gate.js';
import { RequestAuthenticator } from './auth/request-authenticator.js';
import { UnauthenticatedLimiter } from './auth/unauthenticated-limiter.js';
import { ValidationFailedException } from './common/errors/validation-failed.exception.js';
import { answerClientErrorsInShape } from './common/http/client-errors.js';
import { cacheValidationMetadata } from './common/validation/validation-metadata-cache.js';
import { createRequestLogger } from './common/logging/http-logger.js';
import { NestPinoLogger } from './common/logging/nest-pino-logger.js';
import { ROOT_LOGGER } from './common/logging/logging.tokens.js';
import { installBodyParsing } from './common/middleware/body-parsing.js';
import { inOneLayer } from './common/middleware/in-one-layer.js';
import { requestId } from './common/middleware/request-id.middleware.js';
import { securityHeaders } from './common/middleware/security-headers.js';
import type { EnvironmentVariables } from './config/env.schema.js';
import { createHttpObserver } from './metrics/http-metrics.js';
import { applyGlobalPrefix, buildOpenApiDocument } from './openapi/openapi-document.js';

export { API_PREFIX } from './openapi/openapi-document.js';
/** Routes that also take text/plain and form bodies (iOS Shortcuts post without JSON). */
export const PLAIN_BODY_ROUTES: RegExp[] = [/^\/api\/v1\/thoughts\/?$/];
/** Routes that read their own (large) body as a stream: imports up to IMPORT_MAX_BYTES. */
export const STREAMED_BODY_ROUTES: RegExp[] = [/^\/api\/v1\/import\/?$/];

/**
 * Everything about the HTTP edge, shared by main.ts and the e2e tests so tests exercise
 * exactly what production serves.
 */
export function configureApp(app: NestExpressApplication): INestApplication {
  const config = app.get<ConfigService<EnvironmentVariables, true>>(ConfigService);
  const logger = app.get<Logger>(ROOT_LOGGER);
  app.useLogger(new NestPinoLogger(logger));
  app.set('trust proxy', parseTrustProxy(config.get('TRUST_PROXY', { infer: true })));
  app.disable('x-powered-by');
  // An ETag is a SHA-1 of every response body; no client of this API sends If-None-Match.
  app.set('etag', false);

  // Request id first of all: every response, even a body-parser 413, carries X-Request-Id.
  app.use(
    inOneLayer(
      requestId,
      createRequestLogger(
        logger,
        config.get('METRICS_TOKEN', { infer: true }) ? createHttpObserver() : undefined,
      ),
      securityHeaders({
        contentSecurityPolicy: {
          // Swagger UI needs inline styles; scripts stay same-origin.
          directives: {
            'style-src': ["'self'", "'unsafe-inline'"],
            'img-src': ["'self'", 'data:'],
            // Self-hosted on a LAN over plain HTTP is normal; TLS and HSTS belong to the proxy.
            'upgrade-insecure-requests': null,
          },
        },
        strictTransportSecurity: false,
      }),
    ),
  );
  const origins = config
    .get('CORS_ORIGINS', { infer: true })
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  // Without CORS_ORIGINS the dashboard is same-origin: no CORS middleware at all.
  if (origins.length > 0)
    app.enableCors({
      origin: origins,
      allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Request-Id'],
      exposedHeaders: [
        'X-Request-Id',
        'Retry-After',
        'X-RateLimit-Limit',
        'X-RateLimit-Remaining',
        'X-RateLimit-Reset',
      ],
    });
  // Limits before work: refused requests never reach the body parser.
  app.use(
    preBodyGate(
      app.get(RequestAuthenticator),
      app.get(AuthFailureLimiter),
      app.get(UnauthenticatedLimiter),
    ),
  );
  installBodyParsing(app, PLAIN_BODY_ROUTES, STREAMED_BODY_ROUTES, [/^\/mcp\/?$/]);
  answerClientErrorsInShape(app.getHttpServer());

  applyGlobalPrefix(app);
  cacheValidationMetadata();
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      forbidUnknownValues: true,
      exceptionFactory: (errors) => ValidationFailedException.fromErrors(errors),
    }),
  );
  setUpSwagger(app);
  // Static files: the dashboard is public/dashboard/ at /dashboard/; the bare root sends people there.
  // Mounted under its prefix so API requests never cost a file-system lookup.
  const dashboardDir = path.resolve('public', 'dashboard');
  if (existsSync(dashboardDir)) {
    app.use(
      (
        request: { method: string; path: string },
        response: { redirect: (status: number, url: string) => void },
        next: () => void,
      ) => {
        if ((request.method === 'GET' || request.method === 'HEAD') && request.path === '/')
          response.redirect(302, '/dashboard/');
        else next();
      },
    );
    app.useStaticAssets(dashboardDir, { prefix: '/dashboard', index: 'index.html' });
  }
  return app;
}

function setUpSwagger(app: INestApplication): void {
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs-json',
    swaggerOptions: { persistAuthorization: true, showExtensions: true },
  });
}

/** Express trust-proxy value from TRUST_PROXY: false, a hop count, or addresses/subnets. */
export function parseTrustProxy(value: string): false | number | string[] {
  const trimmed = value.trim();
  if (trimmed === 'false' || trimmed === '') return false;
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  return trimmed
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}
