import { createHash, timingSafeEqual } from 'node:crypto';
import {
  type CanActivate,
  type ExecutionContext,
  Inject,
  Injectable,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Request } from 'express';
import type { AppConfig } from '../config/app-config.js';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * /metrics has its own token, not an API key: a scraper needs no user. Without
 * METRICS_TOKEN the route does not exist (404); compared in constant time on digests.
 */
@Injectable()
export class MetricsTokenGuard implements CanActivate {
  private readonly expected: Buffer | null;

  constructor(@Inject(ConfigService) config: AppConfig) {
    const token = config.get('METRICS_TOKEN', { infer: true });
    this.expected = token ? digest(token) : null;
  }

  canActivate(context: ExecutionContext): boolean {
    if (!this.expected) throw new NotFoundException('Cannot GET /metrics');
    const header = context.switchToHttp().getRequest<Request>().headers.authorization ?? '';
    const match = /^bearer\s+(\S+)$/i.exec(header);
    if (!match || !timingSafeEqual(digest(match[1]!), this.expected))
      throw new UnauthorizedException('a valid METRICS_TOKEN is required');
    return true;
  }
}
