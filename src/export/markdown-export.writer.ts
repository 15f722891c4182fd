import { once } from 'node:events';
import ZipStream from 'zip-stream';
import type { BackpressureSink } from './backpressure-sink.js';
import type { ExportService } from './export.service.js';
import { noteFileName, obsidianTag, yamlValue } from './markdown-names.js';

const CHECKBOX: Record<string, string> = { done: 'x', cancelled: '-', archived: '-' };

/**
 * Streams a zip that opens as an Obsidian vault: thoughts/<day> <first words> <id>.md with
 * YAML front matter, and tasks.md as a checklist. Entries go in one at a time and the next
 * waits for the zip stream to take the last, which the sink holds back while the client is
 * slow: memory stays at one page of rows whatever the export's size.
 */
export async function writeMarkdownExport(exports: ExportService, userId: string, sink: BackpressureSink): Promise<void> {
  // Stored, not deflated: a zlib stream per note cost 5 MB of RSS per thousand notes and most
  // of the time (measured by bench/export.ts); notes are small and the client may gzip.
  const zip = new ZipStream({ store: true });
  const pumped = pump(zip, sink);
  const add = (name: string, body: string, date: Date) =>
    new Promise<void>((resolve, reject) => zip.entry(Buffer.from(body, 'utf8'), { name, date }, (error) => (error ? reject(error) : resolve())));
  try {
    for await (const page of exports.pages(userId, 'thoughts')) {
      for (const thought of page) {
        const created = new Date(thought.created_at as string);
        await add(`thoughts/${noteFileName(thought as unknown as NoteSource)}`, note(thought as unknown as NoteSource), created);
      }
    }
    await add('tasks.md', await tasksChecklist(exports, userId), new Date());
    zip.finalize();
  } catch (error) {
    zip.destroy(error as Error);
    await pumped.catch(() => undefined);
    throw error;
  }
  await pumped;
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
    for (const task of page as { title: string; status: string; priority: string; due_date: string | null; description: string | null }[]) {
      const mark = CHECKBOX[task.status] ?? ' ';
      const due = task.due_date ? ` 📅 ${task.due_date}` : '';
      lines.push(`- [${mark}] ${task.title.replace(/\s+/g, ' ')}${due} (${task.priority}, ${task.status.replace('_', ' ')})`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Moves the zip's bytes to the client, waiting whenever the client's buffer is full. */
async function pump(zip: ZipStream, sink: BackpressureSink): Promise<void> {
  const ended = once(zip, 'end');
  for await (const chunk of zip) await sink.write(chunk as Buffer);
  await ended.catch(() => undefined);
}
