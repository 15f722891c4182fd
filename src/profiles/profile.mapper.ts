import type { ProfileResponseDto } from './dto/profile-response.dto.js';
import type {
  GoalDto,
  OngoingProjectDto,
  ProfilePreferencesDto,
  ReplaceProfileDto,
  WorkPatternsDto,
} from './dto/replace-profile.dto.js';
import type {
  Goal,
  OngoingProject,
  ProfileContent,
  ProfilePreferences,
  ProfileSnapshot,
  WorkPatterns,
} from './profile.types.js';

/** Copies only the keys that carry a value: null and absent both mean "not set". */
function defined<T extends object>(entries: { [K in keyof T]?: T[K] | null }): T {
  return Object.fromEntries(
    Object.entries(entries).filter(([, value]) => value !== undefined && value !== null),
  ) as T;
}

function toProject(dto: OngoingProjectDto): OngoingProject {
  return defined<OngoingProject>({
    name: dto.name,
    description: dto.description,
    status: dto.status ?? 'active',
    tags: dto.tags ? [...dto.tags] : undefined,
    aliases: dto.aliases ? [...dto.aliases] : undefined,
  });
}

function toWorkPatterns(dto: WorkPatternsDto): WorkPatterns {
  return defined<WorkPatterns>({
    focus_hours: dto.focus_hours?.map((range) => ({ start: range.start, end: range.end })),
    energy_peaks: dto.energy_peaks ? [...dto.energy_peaks] : undefined,
    notes: dto.notes,
  });
}

function toGoal(dto: GoalDto): Goal {
  return defined<Goal>({ title: dto.title, horizon: dto.horizon, target_date: dto.target_date });
}

function toPreferences(dto: ProfilePreferencesDto): ProfilePreferences {
  return defined<ProfilePreferences>({
    language: dto.language,
    date_format: dto.date_format,
    week_starts_on: dto.week_starts_on,
  });
}

/**
 * The validated body as plain documents: class instances and unset keys stay out of the
 * jsonb columns, so what is stored is exactly the documented shape.
 */
export function toProfileContent(dto: ReplaceProfileDto): ProfileContent {
  return {
    ongoingProjects: dto.ongoing_projects.map(toProject),
    workPatterns: toWorkPatterns(dto.work_patterns),
    goals: dto.goals.map(toGoal),
    preferences: toPreferences(dto.preferences),
    timezone: dto.timezone,
  };
}

export function toProfileResponse(profile: ProfileSnapshot): ProfileResponseDto {
  return {
    ongoing_projects: profile.ongoingProjects,
    work_patterns: profile.workPatterns,
    goals: profile.goals,
    preferences: profile.preferences,
    timezone: profile.timezone,
    created_at: profile.createdAt.toISOString(),
    updated_at: profile.updatedAt.toISOString(),
  };
}
