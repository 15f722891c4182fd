import { loadNlp } from '../src/ai/backends/local/nlp.js';
import { detectTasks } from '../src/ai/backends/local/tasks.js';
import { splitClauses, splitSentences } from '../src/ai/backends/local/text.js';
import { findDue } from '../src/ai/backends/local/dates.js';
const nlp = await loadNlp();
const now = new Date('2026-12-08T04:00:00Z');
for (const s of process.argv.slice(2)) {
  console.log(
    JSON.stringify(splitSentences(s).map((x) => splitClauses(x).map((c) => c.text))),
    JSON.stringify(findDue('meal prep for the week', now, 'America/Los_Angeles')),
  );
  console.log(s, JSON.stringify(detectTasks(nlp, s, now, 'America/Los_Angeles')));
}
