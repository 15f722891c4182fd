import type { BackpressureSink } from './backpressure-sink.js';
import type { ExportService } from './export.service.js';
import { noteFileName, obsidianTag, yamlValue } from './markdown-names.js';
import { StoredZipWriter } from './zip/stored-zip-writer.js';

const CHECKBOX: Record<string, string> = { done: 'x', cancelled: '-', archived: '-' };

/**
 * Streams a zip that opens as an Obsidian vault: thoughts/<day> <first words> <id>.md with
 * YAML front matter, and tasks.md as a checklist. Each note goes to the client before the next
 * is made, and the sink holds the export back while the client is slow: memory stays at one
 * page of rows plus the zip's central directory (about 140 bytes a note).
 */
export async function writeMarkdownExport(
  exports: ExportService,
  userId: string,
  sink: BackpressureSink,
): Promise<void> {
  // Stored, not deflated: a zlib stream per note cost 5 MB of RSS per thousand notes and most
  // of the time (measured by bench/export.ts); notes are small and the client may gzip.
  const zip = new StoredZipWriter(sink);
  for await (const page of exports.pages(userId, 'thoughts')) {
    for (const thought of page) {
      const source = thought as unknown as NoteSource;
      await zip.add(
        `thoughts/${noteFileName(source)}`,
        Buffer.from(note(source), 'utf8'),
        new Date(source.created_at),
      );
    }
  }
  await zip.add('tasks.md', Buffer.from(await tasksChecklist(exports, userId), 'utf8'), new Date());
  await zip.finish();
}

interface NoteSource {
  id: string;
  content: string;
  created_at: string;
  tags: string[];
  ai_tags: string[];
  thought_type: string | null;
  status: string;
}

function note(thought: NoteSource): string {
  const front = [
    '---',
    `id: ${yamlValue(thought.id)}`,
    `created: ${yamlValue(thought.created_at)}`,
    `tags: ${yamlValue(thought.tags.map(obsidianTag))}`,
    `ai_tags: ${yamlValue(thought.ai_tags.map(obsidianTag))}`,
    `type: ${yamlValue(thought.thought_type)}`,
    `status: ${yamlValue(thought.status)}`,
    '---',
  ];
  return `${front.join('\n')}\n${thought.content}\n`;
}

async function tasksChecklist(exports: ExportService, userId: string): Promise<string> {
  const lines = ['# Tasks', ''];
  for await (const page of exports.pages(userId, 'tasks')) {
    for (const task of page as {
      title: string;
      status: string;
      priority: string;
      due_date: string | null;
      description: string | null;
    }[]) {
      const mark = CHECKBOX[task.status] ?? ' ';
      const due = task.due_date ? ` 📅 ${task.due_date}` : '';
      lines.push(
        `- [${mark}] ${task.title.replace(/\s+/g, ' ')}${due} (${task.priority}, ${task.status.replace('_', ' ')})`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
