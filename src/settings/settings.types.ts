/**
 * A user's settings as the rest of the application sees them (the AI pipeline and the
 * consciousness scheduler read them through SettingsService.getForUser).
 */
export const TASK_SUGGESTION_MODES = ['off', 'suggest', 'auto'] as const;
export type TaskSuggestionMode = (typeof TASK_SUGGESTION_MODES)[number];
/** The backends a user may choose; `mock` is a server-wide test setting, not a user choice. */
export const USER_AI_BACKENDS = ['auto', 'claude', 'ollama', 'local'] as const;
export type UserAiBackend = (typeof USER_AI_BACKENDS)[number];

export const CHECK_INTERVAL_MINUTES = { min: 30, max: 1440 } as const;

/** HH:MM wall-clock times in the user's time zone; end before start wraps midnight. */
export interface QuietHours {
  start: string;
  end: string;
}

export interface SettingsValues {
  autoTaggingEnabled: boolean;
  autoTaskCreationEnabled: boolean;
  taskSuggestionMode: TaskSuggestionMode;
  /** Suggestions at or above this confidence (0..1) may become tasks automatically. */
  autoTaskConfidenceThreshold: number;
  aiBackend: UserAiBackend;
  consciousnessCheckIntervalMinutes: number;
  quietHours: QuietHours | null;
}

/** A PATCH: only the keys present change; `quietHours: null` clears the quiet hours. */
export type SettingsChange = Partial<SettingsValues>;

export interface SettingsSnapshot extends SettingsValues {
  userId: string;
  createdAt: Date;
  updatedAt: Date;
}

/** The column defaults, for documentation and tests; the database is the source of truth. */
export const DEFAULT_SETTINGS: Readonly<SettingsValues> = Object.freeze({
  autoTaggingEnabled: true,
  autoTaskCreationEnabled: false,
  taskSuggestionMode: 'suggest',
  autoTaskConfidenceThreshold: 0.85,
  aiBackend: 'auto',
  consciousnessCheckIntervalMinutes: 60,
  quietHours: null,
});
