import { ApiProperty } from '@nestjs/swagger';
import { API_KEY_SCOPES } from '../api-key.entity.js';
import { UserResponseDto } from './user-response.dto.js';

/** The calling key and its user: what a client may do with the key it holds. */
export class WhoAmIResponseDto {
  @ApiProperty({ type: UserResponseDto }) user!: UserResponseDto;
  @ApiProperty({ format: 'uuid' }) key_id!: string;
  @ApiProperty({
    enum: API_KEY_SCOPES,
    description: 'admin, user, read (GET routes only) or capture (capture only)',
  })
  scope!: string;
}
