import { Injectable } from '@nestjs/common';

/**
 * The time that decides whether something has expired, in one injectable so tests can move
 * it instead of sleeping. Production reads the host's clock; a test replaces `now` on the
 * app's instance (`app.get(Clock)`), and every caller that injected it sees the moved time.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
