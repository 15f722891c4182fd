import { Module } from '@nestjs/common';
import { Clock } from './clock.js';

/** Imported by each module that needs the time: modules are singletons, so all share one Clock. */
@Module({ providers: [Clock], exports: [Clock] })
export class ClockModule {}
