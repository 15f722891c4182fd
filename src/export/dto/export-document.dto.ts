import { ApiProperty } from '@nestjs/swagger';
import { ConsciousnessCheckDto } from '../../consciousness/dto/consciousness.dto.js';
import { ProfileResponseDto } from '../../profiles/dto/profile-response.dto.js';
import { SettingsResponseDto } from '../../settings/dto/settings-response.dto.js';
import { SuggestionResponseDto } from '../../suggestions/dto/suggestion.dto.js';
import { TaskResponseDto } from '../../tasks/dto/task-response.dto.js';
import { ThoughtResponseDto } from '../../thoughts/dto/thought-response.dto.js';
import { EXPORT_FORMAT, FORMAT_VERSION } from '../export-format.js';

export class ExportedLinkDto {
  @ApiProperty({ format: 'uuid', description: 'The related thought (an id within this document)' })
  thought_id!: string;
  @ApiProperty({ example: 0.42 }) score!: number;
  @ApiProperty({ type: [String] }) shared_tags!: string[];
}

export class ExportedThoughtDto extends ThoughtResponseDto {
  @ApiProperty({
    type: [ExportedLinkDto],
    description: 'Related thoughts analysis linked to this one',
  })
  links!: ExportedLinkDto[];
}

/** Swagger's description of the JSON export; docs/export.schema.json is the normative JSON Schema. */
export class ExportDocumentDto {
  @ApiProperty({ enum: [EXPORT_FORMAT] }) format!: string;
  @ApiProperty({
    enum: [FORMAT_VERSION],
    description: 'Raised on any change a reader would notice',
  })
  format_version!: number;
  @ApiProperty({ format: 'date-time' }) exported_at!: string;
  @ApiProperty({ example: '0.1.0' }) app_version!: string;
  @ApiProperty({ type: ProfileResponseDto }) profile!: ProfileResponseDto;
  @ApiProperty({ type: SettingsResponseDto }) settings!: SettingsResponseDto;
  @ApiProperty({ type: [ExportedThoughtDto], description: 'Oldest first' })
  thoughts!: ExportedThoughtDto[];
  @ApiProperty({ type: [TaskResponseDto], description: 'Oldest first' }) tasks!: TaskResponseDto[];
  @ApiProperty({
    type: [SuggestionResponseDto],
    description: 'Every state, with evidence; oldest first',
  })
  task_suggestions!: SuggestionResponseDto[];
  @ApiProperty({ type: [ConsciousnessCheckDto], description: 'With pinned insights; oldest first' })
  consciousness_checks!: ConsciousnessCheckDto[];
}
