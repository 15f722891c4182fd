import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, MaxLength } from 'class-validator';
import { NoNul } from '../../common/validation/no-nul.decorator.js';
import { NotBlank } from '../../common/validation/not-blank.decorator.js';

const SPELLING =
  'Spelt as tags are stored: trimmed, lower-cased, a leading "#" dropped; at most 50 characters.';

export class MergeTagsDto {
  @ApiProperty({
    type: [String],
    example: ['cyber-security', 'cyber security'],
    description: `The tags to merge away (1 to 20). ${SPELLING}`,
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @NotBlank({ each: true })
  @MaxLength(200, { each: true })
  @NoNul()
  from!: string[];

  @ApiProperty({
    example: 'cybersecurity',
    description: `The tag they become (it may be new). ${SPELLING}`,
  })
  @IsString()
  @NotBlank()
  @MaxLength(200)
  @NoNul()
  into!: string;
}

export class RenameTagDto {
  @ApiProperty({ example: 'ml', description: `The tag to rename. ${SPELLING}` })
  @IsString()
  @NotBlank()
  @MaxLength(200)
  @NoNul()
  from!: string;

  @ApiProperty({
    example: 'machine learning',
    description: `Its new name; renaming into a tag you already use merges the two. ${SPELLING}`,
  })
  @IsString()
  @NotBlank()
  @MaxLength(200)
  @NoNul()
  to!: string;
}
