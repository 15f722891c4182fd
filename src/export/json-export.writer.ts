import { BackpressureSink } from './backpressure-sink.js';
import { EXPORT_SECTIONS } from './export-format.js';
import type { ExportService } from './export.service.js';

/**
 * Streams the JSON document: the header's fields, then each section as an array written a
 * page at a time. The document is built by hand around JSON.stringify of each record so no
 * more than one page is ever held.
 */
export async function writeJsonExport(
  exports: ExportService,
  userId: string,
  sink: BackpressureSink,
): Promise<void> {
  const header = await exports.header(userId);
  const head = JSON.stringify(header, null, 2);
  // The header without its closing brace, then the sections as further keys.
  await sink.write(head.slice(0, head.lastIndexOf('}')).trimEnd());
  for (const section of EXPORT_SECTIONS) {
    await sink.write(`,\n  ${JSON.stringify(section)}: [`);
    let first = true;
    for await (const page of exports.pages(userId, section)) {
      let chunk = '';
      for (const record of page) {
        chunk += `${first ? '' : ','}\n    ${JSON.stringify(record)}`;
        first = false;
      }
      await sink.write(chunk);
    }
    await sink.write(first ? ']' : '\n  ]');
  }
  await sink.write('\n}\n');
}
