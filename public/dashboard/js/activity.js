import { api, describeError } from './api.js';
import { context, today } from './context.js';
import { byId, clear, h } from './dom.js';
import { barChart, chartWidth, hbarChart } from './charts.js';
import { addDays, formatDay, isoDay } from './format.js';

/** Thoughts per day over the last four weeks (from the feed endpoint) and the top tags. */
const DAYS = 28;
const MAX_PAGES = 10;
let generation = 0;

export async function showActivity() {
  const mine = ++generation;
  const days = byId('activity-days');
  const tags = byId('activity-tags');
  const summary = byId('activity-summary');
  clear(days).append(h('p', { class: 'muted' }, 'Counting your thoughts…'));
  clear(tags);
  clear(summary);
  const end = today();
  const start = addDays(end, -(DAYS - 1));
  try {
    const [perDay, topTags] = await Promise.all([
      countPerDay(start),
      api('/tags', { query: { limit: 10 } }),
    ]);
    if (mine !== generation) return;
    const data = [];
    for (let index = 0; index < DAYS; index++) {
      const day = addDays(start, index);
      data.push({
        label: formatDay(day),
        short: formatDay(day, { weekday: false }),
        values: [perDay.counts.get(day) ?? 0],
      });
    }
    const total = data.reduce((sum, point) => sum + point.values[0], 0);
    const busiest = data.reduce(
      (best, point) => (point.values[0] > best.values[0] ? point : best),
      data[0],
    );
    const activeDays = data.filter((point) => point.values[0] > 0).length;
    summary.append(
      stat(String(total) + (perDay.partial ? '+' : ''), 'thoughts in 4 weeks'),
      stat(String(activeDays), 'days with a thought'),
      stat(
        busiest.values[0] ? busiest.label : '–',
        busiest.values[0] ? `busiest (${busiest.values[0]})` : 'busiest day',
      ),
    );
    clear(days).append(
      barChart({
        data,
        series: [{ name: 'thoughts', className: 'series-0' }],
        title: 'Thoughts per day, last 4 weeks',
        description: `${total} thoughts from ${formatDay(start)} to ${formatDay(end)}; the busiest day was ${busiest.label} with ${busiest.values[0]}.`,
        width: chartWidth(days),
        labelEvery: 7,
        highlightLast: true,
      }),
    );
    if (topTags.items.length === 0)
      tags.append(
        h('p', { class: 'muted' }, 'No tags yet. Add #tags to thoughts or let the AI tag them.'),
      );
    else {
      tags.append(
        hbarChart({
          data: topTags.items.map((item) => ({ label: `#${item.tag}`, value: item.count })),
          title: 'Top tags',
          description: `Most used: ${topTags.items
            .slice(0, 3)
            .map((item) => `${item.tag} (${item.count})`)
            .join(', ')}.`,
          width: chartWidth(tags),
          valueName: 'thoughts',
        }),
      );
    }
  } catch (error) {
    if (mine !== generation) return;
    clear(days).append(
      h('p', { class: 'field-error' }, describeError(error, 'Could not load activity')),
    );
  }
}

const stat = (value, label) =>
  h(
    'div',
    { class: 'stat' },
    h('span', { class: 'stat-value' }, value),
    h('span', { class: 'stat-label' }, label),
  );

/** Pages through the feed since the start day (all statuses), counting per local day. */
async function countPerDay(startDay) {
  const counts = new Map();
  const since = new Date(`${startDay}T00:00:00`);
  since.setDate(since.getDate() - 1); // a margin for time zones; the day key below decides
  let cursor;
  let pages = 0;
  do {
    const page = await api('/thoughts', {
      query: { status: 'all', since: since.toISOString(), limit: 200, cursor },
    });
    for (const thought of page.items) {
      const day = localDay(thought.created_at);
      counts.set(day, (counts.get(day) ?? 0) + 1);
    }
    cursor = page.next_cursor;
    pages++;
  } while (cursor && pages < MAX_PAGES);
  return { counts, partial: Boolean(cursor) };
}

/** The day a thought was captured, in the profile's time zone (as "today" is). */
const localDay = (iso) => isoDay(new Date(iso), context.timezone);
