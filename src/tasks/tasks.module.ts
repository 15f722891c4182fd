import { Module } from '@nestjs/common';
import { ProfilesModule } from '../profiles/profiles.module.js';
import { ThoughtsModule } from '../thoughts/thoughts.module.js';
import { TasksController, ThoughtToTaskController } from './tasks.controller.js';
import { TasksRepository } from './tasks.repository.js';
import { TasksService } from './tasks.service.js';

@Module({
  imports: [ThoughtsModule, ProfilesModule],
  controllers: [TasksController, ThoughtToTaskController],
  providers: [TasksRepository, TasksService],
  exports: [TasksService],
})
export class TasksModule {}
