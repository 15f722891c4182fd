import { Module } from '@nestjs/common';
import { ConsciousnessModule } from '../consciousness/consciousness.module.js';
import { ProfilesModule } from '../profiles/profiles.module.js';
import { SuggestionsModule } from '../suggestions/suggestions.module.js';
import { TasksModule } from '../tasks/tasks.module.js';
import { ThoughtsModule } from '../thoughts/thoughts.module.js';
import { McpController } from './mcp.controller.js';
import { McpServerFactory } from './mcp-server.factory.js';

/** The MCP endpoint: the REST domains' services, offered to AI assistants as tools. */
@Module({
  imports: [ThoughtsModule, TasksModule, SuggestionsModule, ConsciousnessModule, ProfilesModule],
  controllers: [McpController],
  providers: [McpServerFactory],
})
export class McpModule {}
