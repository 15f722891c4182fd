import { ApiProperty } from '@nestjs/swagger';
import { TagCountDto } from '../../thoughts/dto/thought-response.dto.js';

export class MergeSuggestionDto {
  @ApiProperty({
    example: 'cybersecurity',
    description: 'The suggested target: the most used variant',
  })
  into!: string;
  @ApiProperty({
    type: [String],
    example: ['cyber-security', 'cyber security'],
    description: 'The other variants: the `from` of a merge',
  })
  from!: string[];
  @ApiProperty({
    type: [TagCountDto],
    description: 'Every variant with the active thoughts carrying it, the target first',
  })
  variants!: TagCountDto[];
  @ApiProperty({ example: 8, description: "Sum of the variants' counts" }) total!: number;
  @ApiProperty({
    enum: ['variant', 'synonym'],
    description:
      '`variant`: one word in other case, separators or number; `synonym`: near-synonyms of one topic ("jogging", "running")',
  })
  kind!: 'variant' | 'synonym';
}

export class SuggestedMergesDto {
  @ApiProperty({ type: [MergeSuggestionDto], description: 'Largest groups first; at most 50' })
  items!: MergeSuggestionDto[];
}

export class TagMergeResultDto {
  @ApiProperty({
    type: [String],
    example: ['cyber-security'],
    description: 'The tags merged away, as stored',
  })
  from!: string[];
  @ApiProperty({ example: 'cybersecurity' }) into!: string;
  @ApiProperty({ example: 3, description: 'Thoughts whose tags or AI tags changed' })
  thoughts_updated!: number;
}

export class TagRenameResultDto {
  @ApiProperty({ example: 'ml' }) from!: string;
  @ApiProperty({ example: 'machine learning' }) to!: string;
  @ApiProperty({ example: 3, description: 'Thoughts whose tags or AI tags changed' })
  thoughts_updated!: number;
}
