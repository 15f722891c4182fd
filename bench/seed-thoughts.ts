/**
 * Seeds `thoughts` at scale, entirely inside PostgreSQL (INSERT ... SELECT over
 * generate_series): a million rows through the API or even client-side batches would take
 * far longer than the benchmark it prepares. The table, its indexes and its generated
 * search column are the app's own (its migrations ran first): nothing is dropped, so the
 * benchmark reads what production would have after a year of use.
 *
 * Words follow Zipf's law over a vocabulary ordered from most to least frequent (the word
 * at rank r is drawn with probability ~1/r), so a search term's selectivity depends on its
 * rank as in real text: SEARCH_WORDS picks terms across that range.
 */
import pg from 'pg';
import { backfillBatch } from '../src/thoughts/search/term-statistics.repository.js';

// Ordered by intended frequency; no English stop words (to_tsvector would drop them).
const VOCABULARY = `
call meeting project idea work email team review plan today tomorrow week client
budget deadline report draft design write read book coffee lunch dinner friend family
doctor appointment travel flight hotel garden house kitchen car bike run walk gym sleep
health money invoice payment tax bank account insurance rent grocery shopping gift
birthday party weekend holiday vacation trip train ticket concert movie music song
podcast article blog newsletter course lesson practice language spanish german piano
guitar photo camera phone laptop computer software bug feature release deploy server
database backup password security update install test code refactor document wiki
manager colleague interview hiring onboarding salary promotion feedback goal habit
journal reflection gratitude mood stress anxiety energy focus morning evening night
breakfast recipe bread pasta soup salad vegetable fruit apple banana tomato potato
chicken fish cheese chocolate tea water wine beer milk sugar salt pepper garlic onion
weather rain snow sun wind spring summer autumn winter river mountain beach forest
park lake island city village street bridge station airport museum library school
university teacher student homework exam grade science history math physics chemistry
biology philosophy psychology economics politics election news community volunteer
charity donation church neighbor dog cat bird horse plant flower tree seed soil
compost fence roof window door paint furniture sofa table chair lamp carpet curtain
laundry cleaning vacuum dishwasher fridge oven stove heater repair plumber electrician
contract lawyer notary passport visa embassy license registration permit mortgage loan
pension retirement investment stock bond crypto savings allowance subscription renewal
warranty receipt refund complaint support ticket outage incident postmortem roadmap
milestone sprint backlog estimate prototype sketch wireframe mockup presentation slide
workshop conference keynote panel speaker sponsor venue catering agenda minutes
quarterly annual forecast revenue margin churn retention pricing discount campaign
brochure banner logo typography palette illustration animation video podcasting
telescope astronomy eclipse comet nebula galaxy origami calligraphy pottery knitting
embroidery woodworking beekeeping sourdough kombucha fermentation bonsai terrarium
aquarium harmonica ukulele accordion saxophone xylophone marimba didgeridoo
`
  .trim()
  .split(/\s+/);

const TAGS = `work personal home family health finance travel reading learning ideas
errands shopping fitness food music projects writing admin urgent someday meetings
garden car pets friends events kids school career hobby`
  .trim()
  .split(/\s+/);

/** Terms by rank in VOCABULARY, from most to least frequent, plus one absent word. */
export const SEARCH_WORDS = [
  { word: VOCABULARY[0]!, rank: 1 },
  { word: VOCABULARY[9]!, rank: 10 },
  { word: VOCABULARY[49]!, rank: 50 },
  { word: VOCABULARY[199]!, rank: 200 },
  { word: VOCABULARY[VOCABULARY.length - 1]!, rank: VOCABULARY.length },
  { word: 'zyzzyva', rank: 0 },
];

const BATCH = 50_000;
// Two batches at a time: the machine has two cores and the GIN updates are CPU-bound.
const PARALLEL = 2;

export interface SeedResult {
  thoughts: number;
  insertMs: number;
  vacuumMs: number;
}

export async function seedThoughts(
  url: string,
  userIds: string[],
  total: number,
  log: (message: string) => void = console.log,
): Promise<SeedResult> {
  const started = performance.now();
  let next = 1;
  let done = 0;
  const worker = async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      // Per session only: nothing is changed on the server for anyone else.
      await client.query(`SET synchronous_commit = off`);
      await client.query(`SET work_mem = '256MB'`);
      await client.query(`SET maintenance_work_mem = '512MB'`);
      // A bigger GIN pending list means fewer, larger merges into the four GIN indexes.
      await client.query(`SET gin_pending_list_limit = '64MB'`);
      while (next <= total) {
        const from = next;
        const to = Math.min(total, from + BATCH - 1);
        next = to + 1;
        await client.query(INSERT_BATCH, [userIds, VOCABULARY, TAGS, from, to]);
        done += to - from + 1;
        const seconds = (performance.now() - started) / 1000;
        log(
          `seed: ${done}/${total} thoughts (${seconds.toFixed(0)} s, ${Math.round(done / seconds)} rows/s)`,
        );
      }
    } finally {
      await client.end();
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  // As the analysis job would have: the users' word counts (search's trigram arm, related
  // thoughts), by the app's own backfill (the migration marked this empty database counted).
  const counter = new pg.Client({ connectionString: url });
  await counter.connect();
  try {
    await counter.query(`UPDATE term_statistics_backfill SET after_id = NULL, finished_at = NULL`);
    for (;;) {
      await counter.query('BEGIN');
      const batch = await backfillBatch(
        async (sql, values) => (await counter.query(sql, values)).rows,
        20_000,
      );
      await counter.query('COMMIT');
      if (batch.state !== 'counted' || batch.finished) break;
    }
  } finally {
    await counter.end();
  }
  log(`seed: counted the thoughts' words (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  const insertMs = performance.now() - started;

  // VACUUM merges what is left in the GIN pending lists (searches would scan it linearly)
  // and sets the visibility map; ANALYZE gives the planner real statistics.
  const vacuumStarted = performance.now();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`SET maintenance_work_mem = '512MB'`);
    await client.query(`VACUUM (ANALYZE) thoughts`);
    // Flush the seed's dirty pages now, not as a checkpoint in the middle of the read phases.
    await client.query(`CHECKPOINT`).catch(() => undefined);
  } finally {
    await client.end();
  }
  return { thoughts: total, insertMs, vacuumMs: performance.now() - vacuumStarted };
}

// $1 users, $2 vocabulary, $3 tags, $4..$5 the row numbers of this batch.
// `0 * g` makes each subquery correlated, so PostgreSQL re-runs it (and random()) per row
// instead of once for the whole statement.
const INSERT_BATCH = `
  INSERT INTO thoughts (user_id, content, tags, thought_type, analysis_status, source, created_at, updated_at)
  SELECT
    ($1::uuid[])[1 + g % cardinality($1::uuid[])],
    (SELECT string_agg(($2::text[])[floor(power(cardinality($2::text[]) + 1, random()))::int], ' ')
       FROM generate_series(1, 6 + floor(random() * 25)::int + 0 * g)),
    (SELECT coalesce(jsonb_agg(DISTINCT ($3::text[])[1 + floor(random() * cardinality($3::text[]))::int]), '[]')
       FROM generate_series(1, floor(random() * 4)::int + 0 * g)),
    (ARRAY['idea', 'task', 'note', 'question', 'reflection', 'reminder', 'observation'])[1 + g % 7],
    'done',
    'api',
    ts,
    ts
  FROM generate_series($4::int, $5::int) AS g,
       LATERAL (SELECT now() - random() * interval '365 days' + g * interval '0 s' AS ts) AS t`;

/**
 * `count` thoughts of one user within the last day, as a heavy day of captures leaves them
 * (fingerprinted like capture's, analysis pending): what made capture slow down as a user's
 * day filled up. Returns the time the SQL took.
 */
export async function seedOneUserDay(url: string, userId: string, count: number): Promise<number> {
  const started = performance.now();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO thoughts (user_id, content, tags, content_fingerprint, created_at, updated_at)
       SELECT $1, c, '["bench"]', md5(lower(c))::uuid, ts, ts
       FROM generate_series(1, $2::int) AS g,
            LATERAL (SELECT 'day ' || g || ': ' || ($3::text[])[1 + (g * 7) % 20] || ' the ' || ($3::text[])[1 + (g * 13) % 20] AS c,
                            now() - (g::float8 / $2) * interval '23 hours' AS ts) AS x`,
      [userId, count, VOCABULARY.slice(0, 20)],
    );
    // As autovacuum would have over a real day: the GIN pending lists merged, statistics fresh.
    await client.query(`VACUUM (ANALYZE) thoughts`);
  } finally {
    await client.end();
  }
  return performance.now() - started;
}
