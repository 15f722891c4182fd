import { ApiProperty } from '@nestjs/swagger';
import { IssuedApiKeyResponseDto } from './api-key-response.dto.js';

export class UserResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Andy' }) name!: string;
  @ApiProperty({ example: 'andy@example.com' }) email!: string;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
}

export class CreatedUserResponseDto {
  @ApiProperty({ type: UserResponseDto }) user!: UserResponseDto;
  @ApiProperty({ type: IssuedApiKeyResponseDto }) api_key!: IssuedApiKeyResponseDto;
}
