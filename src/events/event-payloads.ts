import { Injectable } from '@nestjs/common';
import { toSuggestionResponse } from '../suggestions/suggestion.mapper.js';
import { SuggestionsService } from '../suggestions/suggestions.service.js';
import { toTaskResponse } from '../tasks/task.mapper.js';
import { TasksService } from '../tasks/tasks.service.js';
import { toThoughtResponse } from '../thoughts/thought.mapper.js';
import { ThoughtsService } from '../thoughts/thoughts.service.js';
import type { AppEvent, AppEventType } from './app-events.js';

type Loader = (userId: string, id: string) => Promise<unknown>;

/**
 * What an event carries to the browser: the resource as its own GET returns it, loaded for
 * the stream's user (so an event can never show another user's data). Null when it is gone.
 */
@Injectable()
export class EventPayloads {
  private readonly loaders = new Map<AppEventType, Loader>();

  constructor(thoughts: ThoughtsService, suggestions: SuggestionsService, tasks: TasksService) {
    this.register('thought.analyzed', async (userId, id) =>
      toThoughtResponse(await thoughts.get(userId, id)),
    );
    this.register('suggestion.created', async (userId, id) =>
      toSuggestionResponse(await suggestions.get(userId, id)),
    );
    this.register('task.created', async (userId, id) =>
      toTaskResponse(await tasks.get(userId, id)),
    );
  }

  /** Modules loaded later (consciousness checks) add their own. */
  register(type: AppEventType, loader: Loader): void {
    this.loaders.set(type, loader);
  }

  async load(userId: string, event: AppEvent): Promise<unknown> {
    const loader = this.loaders.get(event.type);
    if (!loader) return null;
    try {
      return await loader(userId, event.id);
    } catch {
      return null;
    }
  }
}
