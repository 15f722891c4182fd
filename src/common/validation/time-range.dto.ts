import { ApiProperty } from '@nestjs/swagger';
import { ValidateBy } from 'class-validator';
import { IsTimeOfDay } from './time.js';

/** `end` must not equal `start`: an empty range is almost certainly a mistake. */
function DiffersFromStart(): PropertyDecorator {
  return ValidateBy({
    name: 'differsFromStart',
    validator: {
      validate: (value, args) => value !== (args?.object as { start?: unknown } | undefined)?.start,
      defaultMessage: () => 'end must differ from start',
    },
  });
}

/**
 * A daily window of wall-clock time in the user's time zone. It may wrap midnight:
 * `{"start": "22:00", "end": "07:00"}` runs from 22:00 to 07:00 the next morning.
 */
export class TimeRangeDto {
  @ApiProperty({
    example: '22:00',
    pattern: '^([01]\\d|2[0-3]):[0-5]\\d$',
    description: 'HH:MM, 24-hour',
  })
  @IsTimeOfDay()
  start!: string;

  @ApiProperty({
    example: '07:00',
    pattern: '^([01]\\d|2[0-3]):[0-5]\\d$',
    description: 'HH:MM, 24-hour; differs from start; earlier than start means the next day',
  })
  @IsTimeOfDay()
  @DiffersFromStart()
  end!: string;
}
