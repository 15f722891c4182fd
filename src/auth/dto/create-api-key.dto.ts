import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinDate,
} from 'class-validator';
import { IsIsoDateTime } from '../../common/validation/date-time.js';
import { NoNul } from '../../common/validation/no-nul.decorator.js';
import { API_KEY_SCOPES, type ApiKeyScope } from '../api-key.entity.js';

export class CreateApiKeyDto {
  @ApiProperty({ format: 'uuid', example: '7d1f6a8e-3f5c-4d8a-9c1e-2b7f4a6d9e01' })
  @IsUUID('all', { message: 'user_id must be a UUID' })
  user_id!: string;

  @ApiProperty({ example: 'iPhone shortcut', maxLength: 100 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  @NoNul()
  name!: string;

  @ApiPropertyOptional({ enum: API_KEY_SCOPES, default: 'user' })
  @IsOptional()
  @IsIn(API_KEY_SCOPES)
  scope: ApiKeyScope = 'user';

  @ApiPropertyOptional({ type: String, format: 'date-time', example: '2027-01-01T00:00:00.000Z' })
  @IsOptional()
  @IsIsoDateTime()
  @MinDate(() => new Date(), { message: 'expires_at must be in the future' })
  expires_at?: Date;
}
