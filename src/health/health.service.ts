import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_VERSION } from '../common/app-version.js';
import { ReadReplicas } from '../database/replicas/read-replicas.service.js';
import type { HealthResponseDto } from './health-response.dto.js';

const PROBE_TIMEOUT_MS = 2_000;

@Injectable()
export class HealthService {
  private readonly startedAt = Date.now();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly replicas: ReadReplicas,
  ) {}

  async check(): Promise<HealthResponseDto> {
    const connected = await this.databaseAnswers();
    return {
      status: connected ? 'healthy' : 'unhealthy',
      version: APP_VERSION,
      database: connected ? 'connected' : 'disconnected',
      uptime_seconds: Math.floor((Date.now() - this.startedAt) / 1000),
      timestamp: new Date().toISOString(),
      ...(this.replicas.enabled && {
        read_replicas: this.replicas
          .status()
          .map((replica) => ({ name: replica.name, state: replica.state, lag_ms: replica.lagMs })),
      }),
    };
  }

  private async databaseAnswers(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), PROBE_TIMEOUT_MS);
    });
    const probe = this.dataSource
      .query('SELECT 1')
      .then(() => true)
      .catch(() => false);
    try {
      return await Promise.race([probe, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
