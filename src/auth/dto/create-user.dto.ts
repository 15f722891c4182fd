import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { NoNul } from '../../common/validation/no-nul.decorator.js';

export class CreateUserDto {
  @ApiProperty({ example: 'Andy', maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @NoNul()
  name!: string;

  @ApiProperty({ example: 'andy@example.com', maxLength: 320 })
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(320)
  email!: string;
}
