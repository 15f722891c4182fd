import type { SettingsResponseDto } from './dto/settings-response.dto.js';
import type { UpdateSettingsDto } from './dto/update-settings.dto.js';
import type { SettingsChange, SettingsSnapshot } from './settings.types.js';

/** The fields the client sent; absent ones stay undefined, `quiet_hours: null` stays null. */
export function toSettingsChange(dto: UpdateSettingsDto): SettingsChange {
  return {
    autoTaggingEnabled: dto.auto_tagging_enabled,
    autoTaskCreationEnabled: dto.auto_task_creation_enabled,
    taskSuggestionMode: dto.task_suggestion_mode,
    autoTaskConfidenceThreshold: dto.auto_task_confidence_threshold,
    aiBackend: dto.ai_backend,
    consciousnessCheckIntervalMinutes: dto.consciousness_check_interval_minutes,
    // A plain object, not the DTO instance, goes to the jsonb column.
    quietHours: dto.quiet_hours
      ? { start: dto.quiet_hours.start, end: dto.quiet_hours.end }
      : dto.quiet_hours,
  };
}

export function toSettingsResponse(settings: SettingsSnapshot): SettingsResponseDto {
  return {
    auto_tagging_enabled: settings.autoTaggingEnabled,
    auto_task_creation_enabled: settings.autoTaskCreationEnabled,
    task_suggestion_mode: settings.taskSuggestionMode,
    auto_task_confidence_threshold: settings.autoTaskConfidenceThreshold,
    ai_backend: settings.aiBackend,
    consciousness_check_interval_minutes: settings.consciousnessCheckIntervalMinutes,
    quiet_hours: settings.quietHours,
    created_at: settings.createdAt.toISOString(),
    updated_at: settings.updatedAt.toISOString(),
  };
}
