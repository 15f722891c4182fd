import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** Swagger's view of the single error shape (see error-body.ts). */
export class ErrorResponseDto {
  @ApiProperty({ example: 400 }) status_code!: number;
  @ApiProperty({ example: 'Bad Request' }) error!: string;
  @ApiProperty({ example: 'content must not be empty' }) message!: string;
  @ApiPropertyOptional({
    example: [{ field: 'content', message: 'content must not be empty' }],
    type: [Object],
  })
  details?: unknown[];
  @ApiProperty({ example: '3f0c1a5e-8a0d-4b61-9a55-2f1f7c1d2e3a' }) request_id!: string;
}
