/**
 * The profile as the rest of the application sees it (the AI pipeline reads it through
 * ProfilesService.getForUser). The nested documents are stored in jsonb exactly as these
 * types describe them, with the same snake_case keys as the API.
 */
export const PROJECT_STATUSES = ['active', 'paused', 'done'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];
export const ENERGY_PEAKS = ['morning', 'afternoon', 'evening', 'night'] as const;
export type EnergyPeak = (typeof ENERGY_PEAKS)[number];
export const GOAL_HORIZONS = ['week', 'month', 'quarter', 'year'] as const;
export type GoalHorizon = (typeof GOAL_HORIZONS)[number];
export const WEEK_START_DAYS = ['monday', 'sunday'] as const;
export type WeekStartDay = (typeof WEEK_START_DAYS)[number];

export const PROFILE_LIMITS = {
  projects: 50,
  projectName: 100,
  projectDescription: 500,
  projectTags: 20,
  projectTag: 50,
  projectAliases: 10,
  projectAlias: 100,
  focusHours: 10,
  workNotes: 1000,
  goals: 50,
  goalTitle: 200,
  dateFormat: 20,
} as const;

export const DEFAULT_TIME_ZONE = 'UTC';

export interface OngoingProject {
  name: string;
  description?: string;
  status: ProjectStatus;
  tags?: string[];
  /** Other names the user calls it by ("duolingo" for "Spanish lessons"). */
  aliases?: string[];
}

/** HH:MM wall-clock times in the profile's time zone; end may be before start (wraps midnight). */
export interface FocusHours {
  start: string;
  end: string;
}

export interface WorkPatterns {
  focus_hours?: FocusHours[];
  energy_peaks?: EnergyPeak[];
  notes?: string;
}

export interface Goal {
  title: string;
  horizon?: GoalHorizon;
  /** YYYY-MM-DD */
  target_date?: string;
}

export interface ProfilePreferences {
  language?: string;
  date_format?: string;
  week_starts_on?: WeekStartDay;
}

/** What PUT writes: every part of the profile, replaced together. */
export interface ProfileContent {
  ongoingProjects: OngoingProject[];
  workPatterns: WorkPatterns;
  goals: Goal[];
  preferences: ProfilePreferences;
  timezone: string;
}

/** A user's profile: defaults when they never saved one. */
export interface ProfileSnapshot extends ProfileContent {
  userId: string;
  createdAt: Date;
  updatedAt: Date;
}
