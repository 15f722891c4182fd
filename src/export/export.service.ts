import { Injectable } from '@nestjs/common';
import { APP_VERSION } from '../common/app-version.js';
import { toConsciousnessCheckResponse } from '../consciousness/consciousness.mapper.js';
import { ConsciousnessService } from '../consciousness/consciousness.service.js';
import { ThoughtAnalysisService } from '../intelligence/thought-analysis.service.js';
import { toProfileResponse } from '../profiles/profile.mapper.js';
import { ProfilesService } from '../profiles/profiles.service.js';
import { toSettingsResponse } from '../settings/settings.mapper.js';
import { SettingsService } from '../settings/settings.service.js';
import { toSuggestionResponse } from '../suggestions/suggestion.mapper.js';
import { SuggestionsService } from '../suggestions/suggestions.service.js';
import { toTaskResponse } from '../tasks/task.mapper.js';
import { TasksService } from '../tasks/tasks.service.js';
import { toThoughtResponse } from '../thoughts/thought.mapper.js';
import { ThoughtsService } from '../thoughts/thoughts.service.js';
import {
  EXPORT_FORMAT,
  type ExportHeader,
  type ExportSection,
  FORMAT_VERSION,
} from './export-format.js';
import { keysetPages } from './keyset-pages.js';

/** Rows per database round trip: big enough to amortise it, small enough to keep memory flat. */
export const EXPORT_PAGE_SIZE = 500;

/**
 * Everything of one user, read page by page through each domain's service (never its
 * repository), as plain API-shaped records. The writers decide the file format.
 */
@Injectable()
export class ExportService {
  constructor(
    private readonly thoughts: ThoughtsService,
    private readonly analysis: ThoughtAnalysisService,
    private readonly tasks: TasksService,
    private readonly suggestions: SuggestionsService,
    private readonly checks: ConsciousnessService,
    private readonly profiles: ProfilesService,
    private readonly settings: SettingsService,
  ) {}

  async header(userId: string, now: Date = new Date()): Promise<ExportHeader> {
    const [profile, settings] = await Promise.all([
      this.profiles.getForUser(userId),
      this.settings.getForUser(userId),
    ]);
    return {
      format: EXPORT_FORMAT,
      format_version: FORMAT_VERSION,
      exported_at: now.toISOString(),
      app_version: APP_VERSION,
      profile: { ...toProfileResponse(profile) },
      settings: { ...toSettingsResponse(settings) },
    };
  }

  /** One section's records, a page at a time, oldest first. */
  pages(userId: string, section: ExportSection): AsyncGenerator<Record<string, unknown>[]> {
    switch (section) {
      case 'thoughts':
        return this.thoughtPages(userId);
      case 'tasks':
        return mapPages(
          keysetPages(
            (limit, after) => this.tasks.exportPage(userId, limit, after),
            byCreation,
            EXPORT_PAGE_SIZE,
          ),
          (task) => ({ ...toTaskResponse(task) }),
        );
      case 'task_suggestions':
        return mapPages(
          keysetPages(
            (limit, after) => this.suggestions.exportPage(userId, limit, after),
            (row) => byCreation(row.suggestion),
            EXPORT_PAGE_SIZE,
          ),
          (row) => ({ ...toSuggestionResponse(row) }),
        );
      case 'consciousness_checks':
        return mapPages(
          keysetPages(
            (limit, after) => this.checks.exportPage(userId, limit, after),
            byCreation,
            EXPORT_PAGE_SIZE,
          ),
          (check) => ({ ...toConsciousnessCheckResponse(check) }),
        );
    }
  }

  private async *thoughtPages(userId: string): AsyncGenerator<Record<string, unknown>[]> {
    for await (const page of keysetPages(
      (limit, after) => this.thoughts.exportPage(userId, limit, after),
      byCreation,
      EXPORT_PAGE_SIZE,
    )) {
      const links = await this.analysis.linksOf(
        userId,
        page.map((thought) => thought.id),
      );
      yield page.map((thought) => ({
        ...toThoughtResponse(thought),
        links: (links.get(thought.id) ?? []).map((link) => ({
          thought_id: link.relatedThoughtId,
          score: link.score,
          shared_tags: link.sharedTags,
        })),
      }));
    }
  }
}

function byCreation(row: { createdAt: Date; id: string }): { createdAt: Date; id: string } {
  return { createdAt: row.createdAt, id: row.id };
}

async function* mapPages<T, R>(
  pages: AsyncGenerator<T[]>,
  map: (row: T) => R,
): AsyncGenerator<R[]> {
  for await (const page of pages) yield page.map(map);
}
