import { ApiProperty } from '@nestjs/swagger';
import {
  GoalDto,
  OngoingProjectDto,
  ProfilePreferencesDto,
  WorkPatternsDto,
} from './replace-profile.dto.js';

/** The nested shapes are the ones PUT accepts: what was saved is what is returned. */
export class ProfileResponseDto {
  @ApiProperty({
    type: [OngoingProjectDto],
    example: [{ name: 'Home automation', status: 'active', tags: ['iot'] }],
  })
  ongoing_projects!: OngoingProjectDto[];

  @ApiProperty({
    type: WorkPatternsDto,
    example: { focus_hours: [{ start: '09:00', end: '12:00' }], energy_peaks: ['morning'] },
  })
  work_patterns!: WorkPatternsDto;

  @ApiProperty({
    type: [GoalDto],
    example: [{ title: 'Run a half marathon', horizon: 'quarter', target_date: '2026-06-30' }],
  })
  goals!: GoalDto[];

  @ApiProperty({
    type: ProfilePreferencesDto,
    example: { language: 'en-GB', week_starts_on: 'monday' },
  })
  preferences!: ProfilePreferencesDto;

  @ApiProperty({ example: 'Europe/Berlin', default: 'UTC' })
  timezone!: string;

  @ApiProperty({ format: 'date-time', example: '2026-01-04T12:00:00.000Z' })
  created_at!: string;

  @ApiProperty({ format: 'date-time', example: '2026-01-04T12:00:00.000Z' })
  updated_at!: string;
}
