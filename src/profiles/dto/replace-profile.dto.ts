import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsLanguageTag, MAX_LANGUAGE_TAG_LENGTH } from '../../common/validation/language-tag.js';
import { NoNul } from '../../common/validation/no-nul.decorator.js';
import { NotBlank } from '../../common/validation/not-blank.decorator.js';
import { IsCalendarDate, IsTimeZone, MAX_TIME_ZONE_LENGTH } from '../../common/validation/time.js';
import { TimeRangeDto } from '../../common/validation/time-range.dto.js';
import {
  ENERGY_PEAKS,
  type EnergyPeak,
  GOAL_HORIZONS,
  type GoalHorizon,
  PROFILE_LIMITS as LIMIT,
  PROJECT_STATUSES,
  type ProjectStatus,
  WEEK_START_DAYS,
  type WeekStartDay,
} from '../profile.types.js';

/** Two projects are the same when their names match ignoring case and surrounding spaces. */
const projectKey = (project: unknown) => {
  const name = (project as { name?: unknown } | null)?.name;
  // Anything without a string name is reported by its own validation, not as a duplicate.
  return typeof name === 'string' ? name.trim().toLowerCase() : project;
};

export class OngoingProjectDto {
  @ApiProperty({
    example: 'Home automation',
    minLength: 1,
    maxLength: LIMIT.projectName,
    description: 'Unique in the list, ignoring case',
  })
  @IsString()
  @NotBlank()
  @MaxLength(LIMIT.projectName)
  @NoNul()
  name!: string;

  @ApiPropertyOptional({
    example: 'Zigbee sensors in every room, dashboards in Grafana',
    maxLength: LIMIT.projectDescription,
  })
  @IsOptional()
  @IsString()
  @MaxLength(LIMIT.projectDescription)
  @NoNul()
  description?: string;

  @ApiPropertyOptional({ enum: PROJECT_STATUSES, default: 'active', example: 'active' })
  @IsOptional()
  @IsIn(PROJECT_STATUSES)
  status: ProjectStatus = 'active';

  @ApiPropertyOptional({
    type: [String],
    example: ['iot', 'weekend'],
    maxItems: LIMIT.projectTags,
    description: `Each at most ${LIMIT.projectTag} characters`,
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIMIT.projectTags)
  @IsString({ each: true })
  @NotBlank({ each: true })
  @MaxLength(LIMIT.projectTag, { each: true })
  @NoNul()
  tags?: string[];

  @ApiPropertyOptional({
    type: [String],
    example: ['smart home', 'zigbee'],
    maxItems: LIMIT.projectAliases,
    description: `Other names you call it by, so the AI sees a mention of it in your thoughts; each at most ${LIMIT.projectAlias} characters`,
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIMIT.projectAliases)
  @IsString({ each: true })
  @NotBlank({ each: true })
  @MaxLength(LIMIT.projectAlias, { each: true })
  @NoNul()
  aliases?: string[];
}

export class WorkPatternsDto {
  @ApiPropertyOptional({
    type: [TimeRangeDto],
    maxItems: LIMIT.focusHours,
    example: [{ start: '09:00', end: '12:00' }],
    description: 'Daily focus windows (HH:MM in the profile time zone; a window may wrap midnight)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIMIT.focusHours)
  @ValidateNested({ each: true })
  @Type(() => TimeRangeDto)
  focus_hours?: TimeRangeDto[];

  @ApiPropertyOptional({ enum: ENERGY_PEAKS, isArray: true, example: ['morning', 'evening'] })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(ENERGY_PEAKS, { each: true })
  energy_peaks?: EnergyPeak[];

  @ApiPropertyOptional({
    example: 'Deep work before lunch; meetings in the afternoon.',
    maxLength: LIMIT.workNotes,
  })
  @IsOptional()
  @IsString()
  @MaxLength(LIMIT.workNotes)
  @NoNul()
  notes?: string;
}

export class GoalDto {
  @ApiProperty({ example: 'Run a half marathon', minLength: 1, maxLength: LIMIT.goalTitle })
  @IsString()
  @NotBlank()
  @MaxLength(LIMIT.goalTitle)
  @NoNul()
  title!: string;

  @ApiPropertyOptional({ enum: GOAL_HORIZONS, example: 'quarter' })
  @IsOptional()
  @IsIn(GOAL_HORIZONS)
  horizon?: GoalHorizon;

  @ApiPropertyOptional({
    format: 'date',
    example: '2026-06-30',
    description: 'YYYY-MM-DD, a real calendar date',
  })
  @IsOptional()
  @IsCalendarDate()
  target_date?: string;
}

export class ProfilePreferencesDto {
  @ApiPropertyOptional({
    example: 'en-GB',
    maxLength: MAX_LANGUAGE_TAG_LENGTH,
    description: 'BCP 47 language tag',
  })
  @IsOptional()
  @IsLanguageTag()
  language?: string;

  @ApiPropertyOptional({ example: 'DD.MM.YYYY', maxLength: LIMIT.dateFormat })
  @IsOptional()
  @IsString()
  @NotBlank()
  @MaxLength(LIMIT.dateFormat)
  @NoNul()
  date_format?: string;

  @ApiPropertyOptional({ enum: WEEK_START_DAYS, example: 'monday' })
  @IsOptional()
  @IsIn(WEEK_START_DAYS)
  week_starts_on?: WeekStartDay;
}

/**
 * PUT replaces the whole profile, so every part is required (send `[]` or `{}` to clear
 * one): a client that forgets a field gets a 400 rather than silently losing it.
 */
export class ReplaceProfileDto {
  @ApiProperty({ type: [OngoingProjectDto], maxItems: LIMIT.projects })
  @IsArray()
  @ArrayMaxSize(LIMIT.projects)
  @ArrayUnique(projectKey, {
    message:
      'ongoing_projects must not contain two projects with the same name (names are compared ignoring case)',
  })
  @ValidateNested({ each: true })
  @Type(() => OngoingProjectDto)
  ongoing_projects!: OngoingProjectDto[];

  @ApiProperty({ type: WorkPatternsDto })
  @IsObject()
  @ValidateNested()
  @Type(() => WorkPatternsDto)
  work_patterns!: WorkPatternsDto;

  @ApiProperty({ type: [GoalDto], maxItems: LIMIT.goals })
  @IsArray()
  @ArrayMaxSize(LIMIT.goals)
  @ValidateNested({ each: true })
  @Type(() => GoalDto)
  goals!: GoalDto[];

  @ApiProperty({ type: ProfilePreferencesDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ProfilePreferencesDto)
  preferences!: ProfilePreferencesDto;

  @ApiProperty({
    example: 'Europe/Berlin',
    maxLength: MAX_TIME_ZONE_LENGTH,
    description: 'IANA time zone; matched ignoring case and returned in its usual spelling',
  })
  @IsTimeZone()
  timezone!: string;
}
