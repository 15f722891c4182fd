import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'pai:isPublic';

/** Opts a route out of the global API-key guard (health, docs). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
