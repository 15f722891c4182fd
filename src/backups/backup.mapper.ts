import type { BackupHealth } from './backup-health.js';
import type { BackupRun } from './backup-run.entity.js';
import type { BackupResponseDto, BackupStatusDto } from './dto/backup-response.dto.js';

export function toBackupResponse(run: BackupRun): BackupResponseDto {
  return {
    id: run.id,
    trigger: run.trigger,
    state: run.state,
    file_name: run.fileName,
    size_bytes: run.sizeBytes === null ? null : Number(run.sizeBytes),
    sha256: run.sha256,
    migration: run.migration,
    duration_ms: run.durationMs,
    error: run.error,
    drill: {
      state: run.drillState,
      detail: run.drillDetail,
      duration_ms: run.drillDurationMs,
      finished_at: run.drilledAt?.toISOString() ?? null,
    },
    started_at: run.startedAt.toISOString(),
    finished_at: run.finishedAt?.toISOString() ?? null,
  };
}

export function toBackupStatus(health: BackupHealth): BackupStatusDto {
  return {
    last_good_at: health.lastGoodAt?.toISOString() ?? null,
    last_good_age_seconds: health.ageSeconds,
    warning: health.warning,
  };
}
