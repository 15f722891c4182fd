/**
 * Seeds `tasks` and pending `task_suggestions` for bench/tasks.ts, inside PostgreSQL
 * (INSERT ... SELECT over generate_series) into the app's own tables, after its migrations
 * ran: every check constraint and index is live, so a bad row fails the seed.
 */
import pg from 'pg';

const VERBS = `call email book pay renew review fix buy plan schedule send write read clean
prepare cancel order update check visit`
  .trim()
  .split(/\s+/);
const OBJECTS = `dentist landlord passport invoice insurance report car gift tickets budget
slides contract laptop garden newsletter proposal doctor subscription flights groceries`
  .trim()
  .split(/\s+/);

// $1 users, $2 row count, $3 verbs, $4 objects. Status and priority follow a plausible mix
// (open tasks ~55 %), 60 % have a due date from 30 days ago to 90 days ahead and half of
// those a time; done tasks have completed_at. Random draws are per row (volatile random()
// in the scan), the user round-robin so every user gets total/users rows.
const INSERT_TASKS = `
  WITH r AS (
    SELECT g, random() AS s, random() AS p, random() AS d, random() AS t, random() AS w,
           random() AS x, now() - random() * interval '180 days' AS ts
    FROM generate_series(1, $2::int) AS g
  ), v AS (
    SELECT g, ts, t, x,
      ($1::uuid[])[1 + g % cardinality($1::uuid[])] AS user_id,
      ($3::text[])[1 + floor(w * cardinality($3::text[]))::int] || ' ' ||
        ($4::text[])[1 + floor(x * cardinality($4::text[]))::int] AS title,
      CASE WHEN s < 0.40 THEN 'pending' WHEN s < 0.55 THEN 'in_progress' WHEN s < 0.85 THEN 'done'
           WHEN s < 0.95 THEN 'cancelled' ELSE 'archived' END AS status,
      CASE WHEN p < 0.25 THEN 'low' WHEN p < 0.65 THEN 'medium' WHEN p < 0.90 THEN 'high'
           ELSE 'urgent' END AS priority,
      CASE WHEN d < 0.6 THEN current_date + (floor(d / 0.6 * 120)::int - 30) END AS due_date
    FROM r
  )
  INSERT INTO tasks (user_id, title, description, priority, status, due_date, due_time,
                     completed_at, created_at, updated_at)
  SELECT user_id, initcap(title), CASE WHEN x < 0.3 THEN 'Notes for ' || title END, priority,
    status, due_date,
    CASE WHEN due_date IS NOT NULL AND t < 0.5 THEN make_time(8 + floor(t * 20)::int, 0, 0) END,
    CASE WHEN status = 'done' THEN least(now(), ts + t * interval '10 days') END, ts, ts
  FROM v`;

// $1 users, $2 row count, $3 verbs, $4 objects. Thought-less (source_thought_id NULL, as
// from consciousness checks), so the partial unique index on (user_id, normalized_title)
// of pending ones applies: the row number in the title makes each one unique. Titles are
// letters, digits and single spaces, so lower() is exactly normalizeSuggestionTitle().
// Created within the last 30 days: far from the 90-day expiry.
const INSERT_SUGGESTIONS = `
  WITH r AS (
    SELECT g, random() AS p, random() AS d, random() AS c, random() AS w, random() AS x,
           now() - random() * interval '30 days' AS ts
    FROM generate_series(1, $2::int) AS g
  ), v AS (
    SELECT g, ts, c,
      ($1::uuid[])[1 + g % cardinality($1::uuid[])] AS user_id,
      initcap(($3::text[])[1 + floor(w * cardinality($3::text[]))::int]) || ' ' ||
        ($4::text[])[1 + floor(x * cardinality($4::text[]))::int] || ' ' || g AS title,
      CASE WHEN p < 0.25 THEN 'low' WHEN p < 0.65 THEN 'medium' WHEN p < 0.90 THEN 'high'
           ELSE 'urgent' END AS priority,
      CASE WHEN d < 0.5 THEN current_date + floor(d * 60)::int END AS due_date
    FROM r
  )
  INSERT INTO task_suggestions (user_id, source_thought_id, title, normalized_title, priority,
    due_date, confidence, evidence, status, origin, created_at, updated_at)
  SELECT user_id, NULL, title, lower(title), priority, due_date, round(c::numeric, 2)::real,
    'bench: seeded suggestion', 'pending', 'consciousness_check', ts, ts
  FROM v`;

export interface SeedTasksResult {
  insertMs: number;
  vacuumMs: number;
}

export async function seedTasksAndSuggestions(
  url: string,
  userIds: string[],
  tasks: number,
  suggestions: number,
): Promise<SeedTasksResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const started = performance.now();
    // Per session only: nothing is changed on the server for anyone else.
    await client.query(`SET synchronous_commit = off`);
    await client.query(INSERT_TASKS, [userIds, tasks, VERBS, OBJECTS]);
    await client.query(INSERT_SUGGESTIONS, [userIds, suggestions, VERBS, OBJECTS]);
    const insertMs = performance.now() - started;
    // Planner statistics and the visibility map, then flush the seed's dirty pages now
    // rather than as a checkpoint in the middle of a measured phase.
    const vacuumStarted = performance.now();
    await client.query(`VACUUM (ANALYZE) tasks, task_suggestions`);
    await client.query(`CHECKPOINT`).catch(() => undefined);
    return { insertMs, vacuumMs: performance.now() - vacuumStarted };
  } finally {
    await client.end();
  }
}
