import { ApiProperty } from '@nestjs/swagger';
import { API_KEY_SCOPES } from '../api-key.entity.js';

/** A key as listed: never the secret, never its hash. */
export class ApiKeyResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'pai_Xy3kQ9ab' }) prefix!: string;
  @ApiProperty({ example: 'iPhone shortcut' }) name!: string;
  @ApiProperty({ format: 'uuid' }) user_id!: string;
  @ApiProperty({ enum: API_KEY_SCOPES }) scope!: string;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) last_used_at!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) expires_at!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) revoked_at!: string | null;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'Set once the key was rotated',
  })
  replaced_by_id!: string | null;
}

/** Returned by create and rotate: the only time the key itself is shown. */
export class IssuedApiKeyResponseDto extends ApiKeyResponseDto {
  @ApiProperty({
    example: 'pai_Xy3kQ9abcdEFGH1234ijklMNOP5678qrst',
    description: 'Shown once. Store it now.',
  })
  key!: string;
}

export class ApiKeyPageDto {
  @ApiProperty({ type: [ApiKeyResponseDto] }) items!: ApiKeyResponseDto[];
  @ApiProperty({ type: String, nullable: true }) next_cursor!: string | null;
}
