/* Generated from the server's OpenAPI document by `npm run openapi:types`; do not edit. */
export interface paths {
  '/api/v1/admin/users': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Create a user and their first API key (shown once) */
    post: operations['AdminController_createUser'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/admin/api-keys': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List API keys (never the keys themselves) */
    get: operations['AdminController_listKeys'];
    put?: never;
    /** Create an API key for a user (shown once) */
    post: operations['AdminController_createKey'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/admin/api-keys/{id}/rotate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Replace a key: the new one is returned once, the old one stops (after the grace period) */
    post: operations['AdminController_rotateKey'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/admin/api-keys/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Revoke a key at once */
    delete: operations['AdminController_revokeKey'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/me': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The calling key: its user and its scope */
    get: operations['WhoAmIController_whoami'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/health': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['HealthController_check'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/profile': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The caller's profile
     * @description Projects, work patterns, goals and preferences the assistant takes into account. Defaults (empty lists and objects, UTC) until the first PUT.
     */
    get: operations['ProfilesController_get'];
    /**
     * Replace the caller's profile
     * @description Full replace: every field is required and takes exactly the value sent (send [] or {} to clear a part). Unknown fields at any depth are rejected. Project names must be unique ignoring case.
     */
    put: operations['ProfilesController_replace'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/settings': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The caller's settings
     * @description The defaults until the first change.
     */
    get: operations['SettingsController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /**
     * Change some of the caller's settings
     * @description Partial update: only the fields sent change; `quiet_hours: null` clears the quiet hours. An empty body is a 400 ("no settings to change"). task_suggestion_mode 'auto' implies auto_task_creation_enabled true: setting the mode to 'auto' turns it on, and setting auto_task_creation_enabled false while the mode is 'auto' moves the mode to 'suggest'. Sending task_suggestion_mode 'auto' together with auto_task_creation_enabled false is a 400. Returns all settings.
     */
    patch: operations['SettingsController_update'];
    trace?: never;
  };
  '/api/v1/thoughts': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List thoughts, newest first, or search them with q (ranked, with snippets and why each matched)
     * @description Search fuses a full-text arm and a trigram arm (typos; words inside CJK runs) by reciprocal rank. Each arm ranks only its newest 500 matches, so a search costs the same at any number of thoughts; reach older matches with until or more words.
     */
    get: operations['ThoughtsController_list'];
    put?: never;
    /** Capture a thought (returns at once; AI analysis follows in the background) */
    post: operations['ThoughtsController_capture'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/thoughts/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['ThoughtsController_get'];
    put?: never;
    post?: never;
    delete: operations['ThoughtsController_delete'];
    options?: never;
    head?: never;
    /** Edit content, tags, type or status (archive with status "archived") */
    patch: operations['ThoughtsController_update'];
    trace?: never;
  };
  '/api/v1/thoughts/{id}/related': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Your thoughts related to this one, by shared tags, term vectors, full text and similar text, fused by reciprocal rank
     * @description Each arm ranks a bounded set (the newest 500 thoughts sharing a word, the newest 200 sharing a tag), so the cost does not grow with your number of thoughts; each result says why it is related (reasons).
     */
    get: operations['ThoughtsController_related'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/tags': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Your tags (own and AI) on active thoughts, most used first */
    get: operations['TagsController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/tags/suggested-merges': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Groups of your tags that look like one: case, separators, plural, near-synonyms; with counts and a target */
    get: operations['TagHygieneController_suggestedMerges'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/tags/merge': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Merge tags into one on every thought (your tags and AI tags); later analyses write the target instead */
    post: operations['TagHygieneController_merge'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/tags/rename': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Rename a tag on every thought; renaming into a tag you already use merges them */
    post: operations['TagHygieneController_rename'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/tasks': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List tasks with filters; sort by creation, due date or priority */
    get: operations['TasksController_list'];
    put?: never;
    post: operations['TasksController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/tasks/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['TasksController_get'];
    put?: never;
    post?: never;
    delete: operations['TasksController_delete'];
    options?: never;
    head?: never;
    /** Edit a task or move it through its statuses */
    patch: operations['TasksController_update'];
    trace?: never;
  };
  '/api/v1/thoughts/{id}/task': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Convert a thought to a task in one call (the task links to the thought; the thought becomes actionable) */
    post: operations['ThoughtToTaskController_convert'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/task-suggestions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Task suggestions (pending by default), newest first, with confidence and evidence */
    get: operations['SuggestionsController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/task-suggestions/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['SuggestionsController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/task-suggestions/{id}/accept': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Accept, optionally changing title, priority or due date: creates the task */
    post: operations['SuggestionsController_accept'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/task-suggestions/{id}/reject': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Reject: it is not offered again for that thought */
    post: operations['SuggestionsController_reject'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/ai/usage': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The caller's AI usage per UTC day and backend
     * @description Calls, tokens and estimated cost (USD, from the price table) from the audit ledger, newest day first.
     */
    get: operations['AiController_usage'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/ai/status': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Health of each AI backend (shared by all instances when REDIS_URL is set)
     * @description Whether it is configured, its circuit-breaker state, consecutive failures and the last error class.
     */
    get: operations['AiController_status'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/operations/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['OperationsController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/thoughts/reanalyze': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Re-analyse a filtered set of your thoughts; follow progress at /operations/{id}
     * @description Answers 202 at once with the operation (`selecting: true`, `total: 0`). Up to 10,000 thoughts created before the request are then selected in the background, REANALYSIS_CHUNK_SIZE per transaction, and queued on the bulk analysis queue, which runs behind fresh captures with at most BULK_JOBS_PER_USER of your jobs at once per worker process. `total` grows while `selecting` is true; the operation finishes only after the selection has ended and every queued thought was analysed.
     */
    post: operations['IntelligenceController_reanalyze'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/thoughts/{id}/analyze': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Run the AI analysis again (queued; de-duplicated while one waits) */
    post: operations['IntelligenceController_analyze'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/thoughts/{id}/analyses': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** This thought's analysis history: backend, model, tokens, cost, latency, outcome, result */
    get: operations['IntelligenceController_analyses'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Live events: thought.analyzed, suggestion.created, task.created, consciousness_check.completed
     * @description text/event-stream; each event's data is the resource as its own GET returns it. Comment pings every 15 s. The stream ends (after an event `stream.closed`) when its key is revoked, rotated past its grace period or expires; a client that stops reading is disconnected. At most EVENT_STREAMS_PER_KEY streams per key.
     */
    get: operations['EventStreamController_stream'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/consciousness-check': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Run a consciousness check now over your thoughts since the last one
     * @description Single-flight per user: a request made while your previous on-demand check is still running does not start another; it waits for the running check and answers with that same check (same id).
     */
    post: operations['ConsciousnessController_runNow'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/consciousness-checks': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Past checks, newest first */
    get: operations['ConsciousnessController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/consciousness-checks/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['ConsciousnessController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/consciousness-checks/{id}/insights/{index}/{action}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Pin (keep past retention), unpin, dismiss (not raised again for 14 days) or restore an insight */
    post: operations['ConsciousnessController_markInsight'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/mcp': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Not offered: a stateless server has no server-to-client stream (405, as the MCP specification allows) */
    get: operations['McpController_stream'];
    put?: never;
    /**
     * MCP (Streamable HTTP, stateless): initialize, tools/list, tools/call, resources/*, prompts/*
     * @description JSON-RPC 2.0 body; send Accept: application/json, text/event-stream. Tools by key scope: read keys see read-only tools, capture keys only capture_thought, user and admin keys all (admin keys act as their own user). See README "Use PAI from an AI assistant".
     */
    post: operations['McpController_handle'];
    /** Not offered: a stateless server has no session to end (405) */
    delete: operations['McpController_endSession'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/admin/backups': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Backups, newest first, with size, duration and restore-drill result */
    get: operations['BackupsController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/admin/backups/status': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Age of the last backup that passed its restore drill, and a warning when it needs attention */
    get: operations['BackupsController_status'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/export': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Everything of yours, streamed: thoughts, tasks, suggestions, consciousness checks, profile and settings
     * @description format=json: one versioned document (format_version; JSON Schema in docs/export.schema.json), importable with POST /import?source=pai. format=markdown: a zip with one note per thought (YAML front matter) and tasks.md, which opens as an Obsidian vault.
     */
    get: operations['ExportController_export'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/import': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Import thoughts from a file, as a tracked operation (follow it at /operations/{id})
     * @description The file is the multipart field "file" or the raw body, up to IMPORT_MAX_BYTES. Original dates are kept; importing the same file again creates nothing new; a bad record is listed in the operation's result, never fatal. Imported thoughts are analysed as bulk work behind fresh captures and never create tasks by themselves.
     */
    post: operations['ImportController_import'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    ErrorResponseDto: {
      /** @example 400 */
      status_code: number;
      /** @example Bad Request */
      error: string;
      /** @example content must not be empty */
      message: string;
      /**
       * @example [
       *       {
       *         "field": "content",
       *         "message": "content must not be empty"
       *       }
       *     ]
       */
      details?: Record<string, never>[];
      /** @example 3f0c1a5e-8a0d-4b61-9a55-2f1f7c1d2e3a */
      request_id: string;
    };
    CreateUserDto: {
      /** @example Andy */
      name: string;
      /** @example andy@example.com */
      email: string;
    };
    UserResponseDto: {
      /** Format: uuid */
      id: string;
      /** @example Andy */
      name: string;
      /** @example andy@example.com */
      email: string;
      /** Format: date-time */
      created_at: string;
    };
    IssuedApiKeyResponseDto: {
      /** Format: uuid */
      id: string;
      /** @example pai_Xy3kQ9ab */
      prefix: string;
      /** @example iPhone shortcut */
      name: string;
      /** Format: uuid */
      user_id: string;
      /** @enum {string} */
      scope: 'admin' | 'user' | 'read' | 'capture';
      /** Format: date-time */
      created_at: string;
      /** Format: date-time */
      last_used_at: string | null;
      /** Format: date-time */
      expires_at: string | null;
      /** Format: date-time */
      revoked_at: string | null;
      /**
       * Format: uuid
       * @description Set once the key was rotated
       */
      replaced_by_id: string | null;
      /**
       * @description Shown once. Store it now.
       * @example pai_Xy3kQ9abcdEFGH1234ijklMNOP5678qrst
       */
      key: string;
    };
    CreatedUserResponseDto: {
      user: components['schemas']['UserResponseDto'];
      api_key: components['schemas']['IssuedApiKeyResponseDto'];
    };
    ApiKeyResponseDto: {
      /** Format: uuid */
      id: string;
      /** @example pai_Xy3kQ9ab */
      prefix: string;
      /** @example iPhone shortcut */
      name: string;
      /** Format: uuid */
      user_id: string;
      /** @enum {string} */
      scope: 'admin' | 'user' | 'read' | 'capture';
      /** Format: date-time */
      created_at: string;
      /** Format: date-time */
      last_used_at: string | null;
      /** Format: date-time */
      expires_at: string | null;
      /** Format: date-time */
      revoked_at: string | null;
      /**
       * Format: uuid
       * @description Set once the key was rotated
       */
      replaced_by_id: string | null;
    };
    ApiKeyPageDto: {
      items: components['schemas']['ApiKeyResponseDto'][];
      next_cursor: string | null;
    };
    CreateApiKeyDto: {
      /**
       * Format: uuid
       * @example 7d1f6a8e-3f5c-4d8a-9c1e-2b7f4a6d9e01
       */
      user_id: string;
      /** @example iPhone shortcut */
      name: string;
      /**
       * @default user
       * @enum {string}
       */
      scope: 'admin' | 'user' | 'read' | 'capture';
      /**
       * Format: date-time
       * @example 2027-01-01T00:00:00.000Z
       */
      expires_at?: string;
    };
    RotateApiKeyDto: {
      /**
       * @description How long the old key keeps working, so clients can switch over (max 7 days).
       * @default 0
       * @example 3600
       */
      grace_period_seconds: number;
    };
    WhoAmIResponseDto: {
      user: components['schemas']['UserResponseDto'];
      /** Format: uuid */
      key_id: string;
      /**
       * @description admin, user, read (GET routes only) or capture (capture only)
       * @enum {string}
       */
      scope: 'admin' | 'user' | 'read' | 'capture';
    };
    ReadReplicaHealthDto: {
      /**
       * @description The replica by its place in DATABASE_READ_URLS.
       * @example replica-1
       */
      name: string;
      /**
       * @description in_use: takes reads; otherwise skipped (the primary serves its reads).
       * @example in_use
       * @enum {string}
       */
      state: 'in_use' | 'down' | 'lagging' | 'not_standby' | 'unprobed';
      /**
       * @description Behind the primary at the last probe (every second); null while unknown.
       * @example 12
       */
      lag_ms: number | null;
    };
    HealthResponseDto: {
      /**
       * @example healthy
       * @enum {string}
       */
      status: 'healthy' | 'unhealthy';
      /** @example 0.1.0 */
      version: string;
      /**
       * @example connected
       * @enum {string}
       */
      database: 'connected' | 'disconnected';
      /** @example 3600 */
      uptime_seconds: number;
      /** @example 2026-01-04T12:00:00.000Z */
      timestamp: string;
      /** @description Only with DATABASE_READ_URLS set. A skipped replica does not make the server unhealthy. */
      read_replicas?: components['schemas']['ReadReplicaHealthDto'][];
    };
    OngoingProjectDto: {
      /**
       * @description Unique in the list, ignoring case
       * @example Home automation
       */
      name: string;
      /** @example Zigbee sensors in every room, dashboards in Grafana */
      description?: string;
      /**
       * @default active
       * @example active
       * @enum {string}
       */
      status: 'active' | 'paused' | 'done';
      /**
       * @description Each at most 50 characters
       * @example [
       *       "iot",
       *       "weekend"
       *     ]
       */
      tags?: string[];
      /**
       * @description Other names you call it by, so the AI sees a mention of it in your thoughts; each at most 100 characters
       * @example [
       *       "smart home",
       *       "zigbee"
       *     ]
       */
      aliases?: string[];
    };
    TimeRangeDto: {
      /**
       * @description HH:MM, 24-hour
       * @example 22:00
       */
      start: string;
      /**
       * @description HH:MM, 24-hour; differs from start; earlier than start means the next day
       * @example 07:00
       */
      end: string;
    };
    WorkPatternsDto: {
      /**
       * @description Daily focus windows (HH:MM in the profile time zone; a window may wrap midnight)
       * @example [
       *       {
       *         "start": "09:00",
       *         "end": "12:00"
       *       }
       *     ]
       */
      focus_hours?: components['schemas']['TimeRangeDto'][];
      /**
       * @example [
       *       "morning",
       *       "evening"
       *     ]
       */
      energy_peaks?: ('morning' | 'afternoon' | 'evening' | 'night')[];
      /** @example Deep work before lunch; meetings in the afternoon. */
      notes?: string;
    };
    GoalDto: {
      /** @example Run a half marathon */
      title: string;
      /**
       * @example quarter
       * @enum {string}
       */
      horizon?: 'week' | 'month' | 'quarter' | 'year';
      /**
       * Format: date
       * @description YYYY-MM-DD, a real calendar date
       * @example 2026-06-30
       */
      target_date?: string;
    };
    ProfilePreferencesDto: {
      /**
       * @description BCP 47 language tag
       * @example en-GB
       */
      language?: string;
      /** @example DD.MM.YYYY */
      date_format?: string;
      /**
       * @example monday
       * @enum {string}
       */
      week_starts_on?: 'monday' | 'sunday';
    };
    ProfileResponseDto: {
      /**
       * @example [
       *       {
       *         "name": "Home automation",
       *         "status": "active",
       *         "tags": [
       *           "iot"
       *         ]
       *       }
       *     ]
       */
      ongoing_projects: components['schemas']['OngoingProjectDto'][];
      /**
       * @example {
       *       "focus_hours": [
       *         {
       *           "start": "09:00",
       *           "end": "12:00"
       *         }
       *       ],
       *       "energy_peaks": [
       *         "morning"
       *       ]
       *     }
       */
      work_patterns: components['schemas']['WorkPatternsDto'];
      /**
       * @example [
       *       {
       *         "title": "Run a half marathon",
       *         "horizon": "quarter",
       *         "target_date": "2026-06-30"
       *       }
       *     ]
       */
      goals: components['schemas']['GoalDto'][];
      /**
       * @example {
       *       "language": "en-GB",
       *       "week_starts_on": "monday"
       *     }
       */
      preferences: components['schemas']['ProfilePreferencesDto'];
      /**
       * @default UTC
       * @example Europe/Berlin
       */
      timezone: string;
      /**
       * Format: date-time
       * @example 2026-01-04T12:00:00.000Z
       */
      created_at: string;
      /**
       * Format: date-time
       * @example 2026-01-04T12:00:00.000Z
       */
      updated_at: string;
    };
    ReplaceProfileDto: {
      ongoing_projects: components['schemas']['OngoingProjectDto'][];
      work_patterns: components['schemas']['WorkPatternsDto'];
      goals: components['schemas']['GoalDto'][];
      preferences: components['schemas']['ProfilePreferencesDto'];
      /**
       * @description IANA time zone; matched ignoring case and returned in its usual spelling
       * @example Europe/Berlin
       */
      timezone: string;
    };
    SettingsResponseDto: {
      /**
       * @default true
       * @example true
       */
      auto_tagging_enabled: boolean;
      /**
       * @description task_suggestion_mode 'auto' implies auto_task_creation_enabled true: setting the mode to 'auto' turns it on, and setting auto_task_creation_enabled false while the mode is 'auto' moves the mode to 'suggest'. Sending task_suggestion_mode 'auto' together with auto_task_creation_enabled false is a 400.
       * @default false
       * @example false
       */
      auto_task_creation_enabled: boolean;
      /**
       * @default suggest
       * @example suggest
       * @enum {string}
       */
      task_suggestion_mode: 'off' | 'suggest' | 'auto';
      /**
       * @default 0.85
       * @example 0.85
       */
      auto_task_confidence_threshold: number;
      /**
       * @default auto
       * @example auto
       * @enum {string}
       */
      ai_backend: 'auto' | 'claude' | 'ollama' | 'local';
      /**
       * @default 60
       * @example 60
       */
      consciousness_check_interval_minutes: number;
      /**
       * @example {
       *       "start": "22:00",
       *       "end": "07:00"
       *     }
       */
      quiet_hours: components['schemas']['TimeRangeDto'] | null;
      /**
       * Format: date-time
       * @example 2026-01-04T12:00:00.000Z
       */
      created_at: string;
      /**
       * Format: date-time
       * @example 2026-01-04T12:00:00.000Z
       */
      updated_at: string;
    };
    UpdateSettingsDto: {
      /**
       * @description Let the AI add tags to new thoughts.
       * @example true
       */
      auto_tagging_enabled?: boolean;
      /**
       * @description Create tasks from confident suggestions without asking. task_suggestion_mode 'auto' implies auto_task_creation_enabled true: setting the mode to 'auto' turns it on, and setting auto_task_creation_enabled false while the mode is 'auto' moves the mode to 'suggest'. Sending task_suggestion_mode 'auto' together with auto_task_creation_enabled false is a 400.
       * @example false
       */
      auto_task_creation_enabled?: boolean;
      /**
       * @description off: no task suggestions; suggest: offer them for review; auto: create tasks at or above the threshold. task_suggestion_mode 'auto' implies auto_task_creation_enabled true: setting the mode to 'auto' turns it on, and setting auto_task_creation_enabled false while the mode is 'auto' moves the mode to 'suggest'. Sending task_suggestion_mode 'auto' together with auto_task_creation_enabled false is a 400.
       * @example suggest
       * @enum {string}
       */
      task_suggestion_mode?: 'off' | 'suggest' | 'auto';
      /**
       * @description Confidence (0..1) a suggestion needs to become a task automatically.
       * @example 0.85
       */
      auto_task_confidence_threshold?: number;
      /**
       * @description auto: Claude, then Ollama, then the local backend.
       * @example auto
       * @enum {string}
       */
      ai_backend?: 'auto' | 'claude' | 'ollama' | 'local';
      /** @example 60 */
      consciousness_check_interval_minutes?: number;
      /**
       * @description No checks or notifications in this daily window (may wrap midnight). null clears it.
       * @example {
       *       "start": "22:00",
       *       "end": "07:00"
       *     }
       */
      quiet_hours?: components['schemas']['TimeRangeDto'] | null;
    };
    CreateThoughtDto: {
      /**
       * @description 1 to 10,000 characters after trimming; stored exactly as written otherwise.
       * @example Call mom tomorrow at 5pm about the tax forms #family
       */
      content: string;
      /**
       * @description Trimmed, lower-cased, "#" stripped, de-duplicated; at most 20 of at most 50 characters.
       * @example [
       *       "family",
       *       "admin"
       *     ]
       */
      tags?: string[];
      /**
       * @example task
       * @enum {string}
       */
      thought_type?:
        'idea' | 'task' | 'note' | 'question' | 'reflection' | 'reminder' | 'observation';
      /**
       * @description Never send this thought to a cloud AI backend.
       * @default false
       */
      local_only: boolean;
      /**
       * @description Where it was captured. Defaults to "api" for JSON and "shortcut" for text and form bodies.
       * @enum {string}
       */
      source?: 'api' | 'dashboard' | 'shortcut' | 'import';
    };
    ThoughtResponseDto: {
      /** Format: uuid */
      id: string;
      /** @example Call mom tomorrow at 5pm about the tax forms */
      content: string;
      /**
       * @description Your own tags
       * @example [
       *       "family"
       *     ]
       */
      tags: string[];
      /**
       * @description Tags from AI analysis
       * @example [
       *       "taxes",
       *       "phone-call"
       *     ]
       */
      ai_tags: string[];
      /** @enum {string|null} */
      thought_type:
        'idea' | 'task' | 'note' | 'question' | 'reflection' | 'reminder' | 'observation' | null;
      /** @enum {string} */
      status: 'active' | 'archived';
      is_actionable: boolean;
      local_only: boolean;
      /** @enum {string} */
      source: 'api' | 'dashboard' | 'shortcut' | 'import';
      /** @enum {string} */
      analysis_status: 'pending' | 'done' | 'failed' | 'skipped';
      /** Format: date-time */
      analyzed_at: string | null;
      /**
       * Format: uuid
       * @description A near-identical thought you captured in the day before this one (kept, only flagged). Set by the analysis: null in the capture response, filled in when analysis_status leaves "pending".
       */
      duplicate_of_id: string | null;
      /** Format: date-time */
      created_at: string;
      /** Format: date-time */
      updated_at: string;
    };
    SearchMatchDto: {
      /**
       * @description full_text: the words of the query (word forms count: "call" matches "calling"); trigram: a query word the vocabulary does not know, read as your words spelled like it (typos, and CJK words inside longer runs); substring: the literal text, for queries with no searchable word
       * @enum {string}
       */
      arm: 'full_text' | 'trigram' | 'substring';
      /**
       * @description The words of the thought this arm matched
       * @example [
       *       "insomnia"
       *     ]
       */
      terms: string[];
    };
    SearchHitDto: {
      /**
       * @description Reciprocal-rank fusion of the arms: the sum over arms of 1 / (60 + rank in that arm); higher is better
       * @example 0.0325
       */
      rank: number;
      /**
       * @description HTML-escaped text; matches wrapped in <mark>. Safe to insert as HTML.
       * @example Call mom tomorrow about the <mark>tax</mark> forms
       */
      snippet: string;
      /** @description Why it matched: each arm that found it, with the words it matched */
      matched: components['schemas']['SearchMatchDto'][];
    };
    ThoughtListItemDto: {
      /** Format: uuid */
      id: string;
      /** @example Call mom tomorrow at 5pm about the tax forms */
      content: string;
      /**
       * @description Your own tags
       * @example [
       *       "family"
       *     ]
       */
      tags: string[];
      /**
       * @description Tags from AI analysis
       * @example [
       *       "taxes",
       *       "phone-call"
       *     ]
       */
      ai_tags: string[];
      /** @enum {string|null} */
      thought_type:
        'idea' | 'task' | 'note' | 'question' | 'reflection' | 'reminder' | 'observation' | null;
      /** @enum {string} */
      status: 'active' | 'archived';
      is_actionable: boolean;
      local_only: boolean;
      /** @enum {string} */
      source: 'api' | 'dashboard' | 'shortcut' | 'import';
      /** @enum {string} */
      analysis_status: 'pending' | 'done' | 'failed' | 'skipped';
      /** Format: date-time */
      analyzed_at: string | null;
      /**
       * Format: uuid
       * @description A near-identical thought you captured in the day before this one (kept, only flagged). Set by the analysis: null in the capture response, filled in when analysis_status leaves "pending".
       */
      duplicate_of_id: string | null;
      /** Format: date-time */
      created_at: string;
      /** Format: date-time */
      updated_at: string;
      /** @description Only when searching with q */
      search?: components['schemas']['SearchHitDto'];
    };
    ThoughtPageDto: {
      items: components['schemas']['ThoughtListItemDto'][];
      next_cursor: string | null;
    };
    UpdateThoughtDto: {
      /**
       * @description Editing content queues a fresh analysis.
       * @example Call mom on Friday about the tax forms
       */
      content?: string;
      /**
       * @description Replaces your own tags (AI tags are kept apart).
       * @example [
       *       "family"
       *     ]
       */
      tags?: string[];
      /**
       * @description The AI tags to keep: only removal is allowed (add tags of your own with `tags`). A removed AI tag is feedback: re-analysis never puts it back on this thought, and a tag you removed from two or more thoughts is no longer proposed.
       * @example [
       *       "taxes"
       *     ]
       */
      ai_tags?: string[];
      /**
       * @description "archived" hides it from the default feed.
       * @example archived
       * @enum {string}
       */
      status?: 'active' | 'archived';
      /**
       * @example idea
       * @enum {string|null}
       */
      thought_type?:
        'idea' | 'task' | 'note' | 'question' | 'reflection' | 'reminder' | 'observation' | null;
      /** @example true */
      is_actionable?: boolean;
      /** @example true */
      local_only?: boolean;
    };
    RelatedThoughtDto: {
      thought: components['schemas']['ThoughtResponseDto'];
      /**
       * @description 0..1: reciprocal-rank fusion of four arms (shared tags, term vectors, full text, trigram text similarity), scaled so 1 is first in every arm
       * @example 0.42
       */
      score: number;
      /**
       * @example [
       *       "family"
       *     ]
       */
      shared_tags: string[];
      /**
       * @description Why it is related, one phrase per arm that ranked it. "similar words" are the shared word stems that weigh most in your own thoughts (BM25 over your corpus)
       * @example [
       *       "shared tags: sleep",
       *       "similar words: insomnia, night",
       *       "full-text match",
       *       "similar text (41% trigram similarity)"
       *     ]
       */
      reasons: string[];
    };
    RelatedThoughtsDto: {
      items: components['schemas']['RelatedThoughtDto'][];
    };
    TagCountDto: {
      /** @example family */
      tag: string;
      /**
       * @description Thoughts carrying it (own or AI tag)
       * @example 12
       */
      count: number;
    };
    TagListDto: {
      items: components['schemas']['TagCountDto'][];
    };
    MergeSuggestionDto: {
      /**
       * @description The suggested target: the most used variant
       * @example cybersecurity
       */
      into: string;
      /**
       * @description The other variants: the `from` of a merge
       * @example [
       *       "cyber-security",
       *       "cyber security"
       *     ]
       */
      from: string[];
      /** @description Every variant with the active thoughts carrying it, the target first */
      variants: components['schemas']['TagCountDto'][];
      /**
       * @description Sum of the variants' counts
       * @example 8
       */
      total: number;
      /**
       * @description `variant`: one word in other case, separators or number; `synonym`: near-synonyms of one topic ("jogging", "running")
       * @enum {string}
       */
      kind: 'variant' | 'synonym';
    };
    SuggestedMergesDto: {
      /** @description Largest groups first; at most 50 */
      items: components['schemas']['MergeSuggestionDto'][];
    };
    MergeTagsDto: {
      /**
       * @description The tags to merge away (1 to 20). Spelt as tags are stored: trimmed, lower-cased, a leading "#" dropped; at most 50 characters.
       * @example [
       *       "cyber-security",
       *       "cyber security"
       *     ]
       */
      from: string[];
      /**
       * @description The tag they become (it may be new). Spelt as tags are stored: trimmed, lower-cased, a leading "#" dropped; at most 50 characters.
       * @example cybersecurity
       */
      into: string;
    };
    TagMergeResultDto: {
      /**
       * @description The tags merged away, as stored
       * @example [
       *       "cyber-security"
       *     ]
       */
      from: string[];
      /** @example cybersecurity */
      into: string;
      /**
       * @description Thoughts whose tags or AI tags changed
       * @example 3
       */
      thoughts_updated: number;
    };
    RenameTagDto: {
      /**
       * @description The tag to rename. Spelt as tags are stored: trimmed, lower-cased, a leading "#" dropped; at most 50 characters.
       * @example ml
       */
      from: string;
      /**
       * @description Its new name; renaming into a tag you already use merges the two. Spelt as tags are stored: trimmed, lower-cased, a leading "#" dropped; at most 50 characters.
       * @example machine learning
       */
      to: string;
    };
    TagRenameResultDto: {
      /** @example ml */
      from: string;
      /** @example machine learning */
      to: string;
      /**
       * @description Thoughts whose tags or AI tags changed
       * @example 3
       */
      thoughts_updated: number;
    };
    CreateTaskDto: {
      /** @example Call mom about the tax forms */
      title: string;
      /** @example She has the 2025 forms */
      description?: string | null;
      /**
       * @default medium
       * @enum {string}
       */
      priority: 'low' | 'medium' | 'high' | 'urgent';
      /**
       * @default pending
       * @enum {string}
       */
      status: 'pending' | 'in_progress' | 'done' | 'cancelled' | 'archived';
      /** @example 2026-03-05 */
      due_date?: string | null;
      /**
       * @description Needs due_date
       * @example 17:00
       */
      due_time?: string | null;
      /**
       * Format: uuid
       * @description The thought this task came from (yours)
       */
      source_thought_id?: string;
    };
    TaskResponseDto: {
      /** Format: uuid */
      id: string;
      /** @example Call mom about the tax forms */
      title: string;
      description: string | null;
      /** @enum {string} */
      priority: 'low' | 'medium' | 'high' | 'urgent';
      /** @enum {string} */
      status: 'pending' | 'in_progress' | 'done' | 'cancelled' | 'archived';
      /** @example 2026-03-05 */
      due_date: string | null;
      /** @example 17:00 */
      due_time: string | null;
      /** Format: uuid */
      source_thought_id: string | null;
      /** Format: uuid */
      source_suggestion_id: string | null;
      /** Format: date-time */
      completed_at: string | null;
      /** Format: date-time */
      created_at: string;
      /** Format: date-time */
      updated_at: string;
    };
    TaskPageDto: {
      items: components['schemas']['TaskResponseDto'][];
      next_cursor: string | null;
    };
    UpdateTaskDto: {
      /** @example Call mom on Friday */
      title?: string;
      description?: string | null;
      /** @enum {string} */
      priority?: 'low' | 'medium' | 'high' | 'urgent';
      /**
       * @description "done" sets completed_at; re-opening clears it. Nonsensical changes (cancelled → done) are 409.
       * @enum {string}
       */
      status?: 'pending' | 'in_progress' | 'done' | 'cancelled' | 'archived';
      /**
       * @description null clears it (and due_time)
       * @example 2026-03-06
       */
      due_date?: string | null;
      /** @example 09:30 */
      due_time?: string | null;
    };
    ConvertThoughtDto: {
      /** @example Call mom about the tax forms */
      title?: string;
      /** @enum {string} */
      priority?: 'low' | 'medium' | 'high' | 'urgent';
      /** @example 2026-03-05 */
      due_date?: string | null;
      /** @example 17:00 */
      due_time?: string | null;
    };
    SuggestionResponseDto: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      source_thought_id: string | null;
      /** @example Call mom about the tax forms */
      title: string;
      description: string | null;
      /** @enum {string} */
      priority: 'low' | 'medium' | 'high' | 'urgent';
      /** @example 2026-03-05 */
      due_date: string | null;
      /** @example 17:00 */
      due_time: string | null;
      /** @example 0.92 */
      confidence: number;
      /** @example call mom tomorrow at 5pm about the tax forms */
      evidence: string | null;
      /** @enum {string} */
      status: 'pending' | 'accepted' | 'rejected' | 'expired';
      /** @enum {string} */
      origin: 'analysis' | 'consciousness_check';
      /** @example claude */
      backend: string | null;
      /** @example claude-sonnet-4-6 */
      model: string | null;
      /**
       * Format: uuid
       * @description The task it became, once accepted
       */
      task_id: string | null;
      reject_reason: string | null;
      /** Format: date-time */
      decided_at: string | null;
      /** Format: date-time */
      created_at: string;
    };
    SuggestionPageDto: {
      items: components['schemas']['SuggestionResponseDto'][];
      next_cursor: string | null;
    };
    AcceptSuggestionDto: {
      /** @example Call mom about the tax forms */
      title?: string;
      /** @enum {string} */
      priority?: 'low' | 'medium' | 'high' | 'urgent';
      /** @example 2026-03-05 */
      due_date?: string | null;
      /** @example 17:00 */
      due_time?: string | null;
    };
    RejectSuggestionDto: {
      /** @example Already done */
      reason?: string;
    };
    AiUsageDayDto: {
      /**
       * @description UTC day
       * @example 2026-01-04
       */
      date: string;
      /**
       * @example claude
       * @enum {string}
       */
      backend: 'claude' | 'ollama' | 'local' | 'mock';
      /**
       * @description Calls made (retries count; skipped backends do not)
       * @example 12
       */
      requests: number;
      /**
       * @description Calls that failed or whose answer was rejected
       * @example 1
       */
      failed_requests: number;
      /** @example 5400 */
      input_tokens: number;
      /** @example 900 */
      output_tokens: number;
      /**
       * @description Claude prompt caching: prefix tokens written to the cache (priced at 1.25x input)
       * @example 12000
       */
      cache_creation_input_tokens: number;
      /**
       * @description Claude prompt caching: prefix tokens read from the cache (priced at 0.1x input)
       * @example 48000
       */
      cache_read_input_tokens: number;
      /**
       * @description Estimated from the price table, USD
       * @example 0.0297
       */
      cost_usd: number;
      /**
       * @description Saved by prompt caching and Message Batches against uncached single calls, USD
       * @example 0.1266
       */
      cost_saved_usd: number;
      /**
       * @description Calls answered through the Message Batches API (half price)
       * @example 0
       */
      batch_requests: number;
    };
    AiUsageTotalsDto: {
      /** @example 12 */
      requests: number;
      /** @example 5400 */
      input_tokens: number;
      /** @example 900 */
      output_tokens: number;
      /** @example 12000 */
      cache_creation_input_tokens: number;
      /** @example 48000 */
      cache_read_input_tokens: number;
      /** @example 0.0297 */
      cost_usd: number;
      /** @example 0.1266 */
      cost_saved_usd: number;
      /** @example 0 */
      batch_requests: number;
    };
    AiUsageResponseDto: {
      /** @example 30 */
      days: number;
      /**
       * @description First UTC day counted
       * @example 2025-12-06
       */
      since: string;
      /** @description Newest day first, then by backend */
      items: components['schemas']['AiUsageDayDto'][];
      totals: components['schemas']['AiUsageTotalsDto'];
    };
    AiBackendStatusDto: {
      /**
       * @example claude
       * @enum {string}
       */
      name: 'claude' | 'ollama' | 'local' | 'mock';
      /**
       * @description Configured well enough to try (e.g. an API key is set)
       * @example true
       */
      configured: boolean;
      /**
       * @description open: skipped until the cool-down ends; half_open: the next call is a probe
       * @example closed
       * @enum {string}
       */
      circuit_state: 'closed' | 'open' | 'half_open';
      /** @example 0 */
      consecutive_failures: number;
      /** @example overloaded */
      last_error_class: string | null;
      /**
       * Format: date-time
       * @example null
       */
      last_error_at: string | null;
      /** @example claude-sonnet-4-6 */
      model: string | null;
    };
    AiStatusResponseDto: {
      /**
       * @description AI_BACKEND
       * @example auto
       * @enum {string}
       */
      mode: 'auto' | 'claude' | 'ollama' | 'local' | 'mock';
      /** @description State of this server process */
      backends: components['schemas']['AiBackendStatusDto'][];
    };
    OperationResponseDto: {
      /** Format: uuid */
      id: string;
      /** @enum {string} */
      kind: 'reanalyze' | 'import';
      /** @enum {string} */
      state: 'running' | 'completed' | 'completed_with_failures' | 'failed';
      /** @example 120 */
      total: number;
      /** @example 80 */
      done: number;
      /** @example 2 */
      failed: number;
      /**
       * @description True while items are still being selected in the background: total grows until then, and the operation cannot finish before.
       * @example false
       */
      selecting: boolean;
      /**
       * @example {
       *       "analysis_status": [
       *         "pending",
       *         "failed"
       *       ]
       *     }
       */
      parameters: Record<string, never>;
      /**
       * @description What it found: for an import, counts per kind (created, already_imported) and per-record problems
       * @example {
       *       "created": {
       *         "thought": 120
       *       },
       *       "already_imported": {
       *         "thought": 3
       *       },
       *       "problems": [
       *         {
       *           "record": "notes/empty.md",
       *           "message": "the note is empty"
       *         }
       *       ]
       *     }
       */
      result: Record<string, never> | null;
      /** Format: date-time */
      created_at: string;
      /** Format: date-time */
      finished_at: string | null;
    };
    ReanalyzeDto: {
      /**
       * @description Only thoughts in these states
       * @example [
       *       "pending",
       *       "failed"
       *     ]
       */
      analysis_status?: ('pending' | 'done' | 'failed' | 'skipped')[];
      /**
       * Format: date-time
       * @description Captured at or after
       */
      since?: string;
      /**
       * Format: date-time
       * @description Captured before
       */
      until?: string;
    };
    AnalyzeAcceptedDto: {
      /** Format: uuid */
      thought_id: string;
      /** @description False when an analysis of this thought was already waiting */
      queued: boolean;
      /** @example pending */
      analysis_status: string;
    };
    AnalysisRecordDto: {
      /** Format: uuid */
      id: string;
      /** @example analyze_thought */
      operation: string;
      /** @example claude */
      backend: string;
      /** @example claude-sonnet-4-6 */
      model: string;
      /** @example analyze-thought@2 */
      prompt_version: string;
      /** @example 812 */
      input_tokens: number;
      /** @example 164 */
      output_tokens: number;
      /**
       * @description Claude prompt caching: prefix tokens written to the cache
       * @example 3100
       */
      cache_creation_input_tokens: number;
      /**
       * @description Claude prompt caching: prefix tokens read from the cache
       * @example 0
       */
      cache_read_input_tokens: number;
      /** @example 0.004896 */
      cost_usd: number;
      /**
       * @description Saved against the uncached single-call price; negative on a cache write
       * @example -0.002325
       */
      cost_saved_usd: number;
      /**
       * @description Answered through the Message Batches API (half price)
       * @example false
       */
      batch: boolean;
      /** @example 1840 */
      latency_ms: number;
      /** @enum {string} */
      outcome: 'success' | 'error' | 'invalid_output' | 'skipped';
      /** @example null */
      error_class: string | null;
      /** @description The validated result (never the raw answer) */
      result: Record<string, never> | null;
      /** Format: date-time */
      created_at: string;
    };
    AnalysisHistoryDto: {
      items: components['schemas']['AnalysisRecordDto'][];
    };
    PatternDto: {
      /** @enum {string} */
      kind: 'recurring_theme' | 'stalled_project' | 'open_loop' | 'time_of_day';
      /** @example Sleep keeps coming up */
      title: string;
      /** @example You wrote about sleep on 4 different days this week. */
      description: string;
      thought_ids: string[];
      /** @example 0.8 */
      confidence: number;
    };
    InsightDto: {
      /**
       * @description Position, used to pin or dismiss it
       * @example 0
       */
      index: number;
      /** @example Evenings are when you think */
      title: string;
      description: string;
      thought_ids: string[];
      pinned: boolean;
      dismissed: boolean;
    };
    CheckSuggestionDto: {
      /** @example Spend 25 minutes on the garden shed */
      title: string;
      description?: string | null;
      /** @enum {string} */
      priority: 'low' | 'medium' | 'high' | 'urgent';
      thought_ids: string[];
      /** @example 0.7 */
      confidence: number;
    };
    ConsciousnessCheckDto: {
      /** Format: uuid */
      id: string;
      /** Format: date-time */
      created_at: string;
      /** @enum {string} */
      trigger: 'scheduled' | 'manual';
      /** @enum {string} */
      state: 'running' | 'done' | 'failed';
      /** Format: date-time */
      window_start: string;
      /** Format: date-time */
      window_end: string;
      /** @example 12 */
      new_thought_count: number;
      /** @example 12 new thoughts; sleep keeps coming up. */
      summary: string;
      patterns: components['schemas']['PatternDto'][];
      insights: components['schemas']['InsightDto'][];
      suggestions: components['schemas']['CheckSuggestionDto'][];
      /** @example local */
      backend: string | null;
      /** @example wink-eng-lite-web-model@1.8.1 */
      model: string | null;
      /** @example 0 */
      input_tokens: number;
      /** @example 0 */
      output_tokens: number;
      /** @example 48 */
      duration_ms: number;
      /** @description Kept past the 7-day retention because an insight is pinned */
      pinned: boolean;
    };
    ConsciousnessCheckPageDto: {
      items: components['schemas']['ConsciousnessCheckDto'][];
      next_cursor: string | null;
    };
    BackupDrillDto: {
      /** @enum {string} */
      state: 'pending' | 'passed' | 'failed' | 'not_run';
      /** @description What the drill found: matching tables, or the first difference. */
      detail: string | null;
      duration_ms: number | null;
      /** Format: date-time */
      finished_at: string | null;
    };
    BackupResponseDto: {
      /** Format: uuid */
      id: string;
      /** @enum {string} */
      trigger: 'scheduled' | 'manual';
      /** @enum {string} */
      state: 'running' | 'done' | 'failed';
      /** @example pai-backup-20261206T020000Z-1765600000000.pai.gz */
      file_name: string | null;
      /** @description Compressed size in bytes. */
      size_bytes: number | null;
      sha256: string | null;
      /** @description The schema migration the snapshot was taken at. */
      migration: string | null;
      duration_ms: number | null;
      error: string | null;
      drill: components['schemas']['BackupDrillDto'];
      /** Format: date-time */
      started_at: string;
      /** Format: date-time */
      finished_at: string | null;
    };
    BackupPageDto: {
      items: components['schemas']['BackupResponseDto'][];
      next_cursor: string | null;
    };
    BackupStatusDto: {
      /**
       * Format: date-time
       * @description Start of the newest backup whose restore drill passed.
       */
      last_good_at: string | null;
      last_good_age_seconds: number | null;
      /** @description Set when the last good backup is over two days old, or the last backup or its drill failed. */
      warning: string | null;
    };
    ExportedLinkDto: {
      /**
       * Format: uuid
       * @description The related thought (an id within this document)
       */
      thought_id: string;
      /** @example 0.42 */
      score: number;
      shared_tags: string[];
    };
    ExportedThoughtDto: {
      /** Format: uuid */
      id: string;
      /** @example Call mom tomorrow at 5pm about the tax forms */
      content: string;
      /**
       * @description Your own tags
       * @example [
       *       "family"
       *     ]
       */
      tags: string[];
      /**
       * @description Tags from AI analysis
       * @example [
       *       "taxes",
       *       "phone-call"
       *     ]
       */
      ai_tags: string[];
      /** @enum {string|null} */
      thought_type:
        'idea' | 'task' | 'note' | 'question' | 'reflection' | 'reminder' | 'observation' | null;
      /** @enum {string} */
      status: 'active' | 'archived';
      is_actionable: boolean;
      local_only: boolean;
      /** @enum {string} */
      source: 'api' | 'dashboard' | 'shortcut' | 'import';
      /** @enum {string} */
      analysis_status: 'pending' | 'done' | 'failed' | 'skipped';
      /** Format: date-time */
      analyzed_at: string | null;
      /**
       * Format: uuid
       * @description A near-identical thought you captured in the day before this one (kept, only flagged). Set by the analysis: null in the capture response, filled in when analysis_status leaves "pending".
       */
      duplicate_of_id: string | null;
      /** Format: date-time */
      created_at: string;
      /** Format: date-time */
      updated_at: string;
      /** @description Related thoughts analysis linked to this one */
      links: components['schemas']['ExportedLinkDto'][];
    };
    ExportDocumentDto: {
      /** @enum {string} */
      format: 'pai-export';
      /**
       * @description Raised on any change a reader would notice
       * @enum {number}
       */
      format_version: 1;
      /** Format: date-time */
      exported_at: string;
      /** @example 0.1.0 */
      app_version: string;
      profile: components['schemas']['ProfileResponseDto'];
      settings: components['schemas']['SettingsResponseDto'];
      /** @description Oldest first */
      thoughts: components['schemas']['ExportedThoughtDto'][];
      /** @description Oldest first */
      tasks: components['schemas']['TaskResponseDto'][];
      /** @description Every state, with evidence; oldest first */
      task_suggestions: components['schemas']['SuggestionResponseDto'][];
      /** @description With pinned insights; oldest first */
      consciousness_checks: components['schemas']['ConsciousnessCheckDto'][];
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  AdminController_createUser: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateUserDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CreatedUserResponseDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description The key is not an admin key. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description The email is taken. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  AdminController_listKeys: {
    parameters: {
      query?: {
        limit?: number;
        /** @description next_cursor from the previous page */
        cursor?: string;
        /** @description Only this user's keys */
        user_id?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiKeyPageDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description The key is not an admin key. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  AdminController_createKey: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateApiKeyDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['IssuedApiKeyResponseDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description The key is not an admin key. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description No such user. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  AdminController_rotateKey: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RotateApiKeyDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['IssuedApiKeyResponseDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description The key is not an admin key. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Revoked, expired or already rotated. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  AdminController_revokeKey: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Revoked (also when it already was). */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description The key is not an admin key. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  WhoAmIController_whoami: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WhoAmIResponseDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  HealthController_check: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The server and its database answer. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['HealthResponseDto'];
        };
      };
      /** @description The database is unreachable. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['HealthResponseDto'];
        };
      };
    };
  };
  ProfilesController_get: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ProfileResponseDto'];
        };
      };
      /** @description Missing or invalid API key. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  ProfilesController_replace: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ReplaceProfileDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ProfileResponseDto'];
        };
      };
      /** @description Validation failed; details[].field names each offending field. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Missing or invalid API key. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  SettingsController_get: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SettingsResponseDto'];
        };
      };
      /** @description Missing or invalid API key. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  SettingsController_update: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateSettingsDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SettingsResponseDto'];
        };
      };
      /** @description Validation failed (details[].field names each offending field), an empty body, or a contradictory change. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Missing or invalid API key. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  ThoughtsController_list: {
    parameters: {
      query?: {
        limit?: number;
        /** @description next_cursor from the previous page */
        cursor?: string;
        /** @description Your own tags or AI tags */
        tag?: string;
        status?: 'active' | 'archived' | 'all';
        thought_type?:
          'idea' | 'task' | 'note' | 'question' | 'reflection' | 'reminder' | 'observation';
        is_actionable?: boolean;
        /** @description Captured at or after */
        since?: string;
        /** @description Captured before */
        until?: string;
        /** @description Full-text search (web-search syntax: quotes, -word, OR). The newest 500 matches are ranked, each with a highlighted snippet; narrow older ones with until or more words. */
        q?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ThoughtPageDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  ThoughtsController_capture: {
    parameters: {
      query?: never;
      header?: {
        /** @description A retry with the same key and body returns the first thought */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateThoughtDto'];
        'text/plain': components['schemas']['CreateThoughtDto'];
        'application/x-www-form-urlencoded': components['schemas']['CreateThoughtDto'];
      };
    };
    responses: {
      /** @description A retry: the thought the first request created */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ThoughtResponseDto'];
        };
      };
      /** @description Captured */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ThoughtResponseDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Idempotency-Key reused with a different body */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  ThoughtsController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ThoughtResponseDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  ThoughtsController_delete: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  ThoughtsController_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateThoughtDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ThoughtResponseDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  ThoughtsController_related: {
    parameters: {
      query?: {
        limit?: number;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RelatedThoughtsDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  TagsController_list: {
    parameters: {
      query?: {
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TagListDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  TagHygieneController_suggestedMerges: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SuggestedMergesDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description A capture key; merge and rename also refuse read keys */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  TagHygieneController_merge: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['MergeTagsDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TagMergeResultDto'];
        };
      };
      /** @description An empty or over-long name, or nothing to merge but the target */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description A capture key; merge and rename also refuse read keys */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description None of your thoughts carries any of the tags */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  TagHygieneController_rename: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RenameTagDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TagRenameResultDto'];
        };
      };
      /** @description An empty or over-long name, or the same name */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description A capture key; merge and rename also refuse read keys */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description None of your thoughts carries the tag */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  TasksController_list: {
    parameters: {
      query?: {
        limit?: number;
        /** @description next_cursor from the previous page */
        cursor?: string;
        /** @description One or more, comma-separated */
        status?: ('pending' | 'in_progress' | 'done' | 'cancelled' | 'archived')[];
        /** @description One or more, comma-separated */
        priority?: ('low' | 'medium' | 'high' | 'urgent')[];
        /** @description Due on or before this day */
        due_before?: string;
        /** @description Due on or after this day */
        due_after?: string;
        /** @description Open tasks due before today (in your profile time zone) */
        overdue?: boolean;
        source_thought_id?: string;
        /** @description created: newest first; due_date: soonest first, undated last; priority: urgent first */
        sort?: 'created' | 'due_date' | 'priority';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TaskPageDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  TasksController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateTaskDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TaskResponseDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description source_thought_id is not one of your thoughts */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  TasksController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TaskResponseDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  TasksController_delete: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  TasksController_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateTaskDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TaskResponseDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description A status change that makes no sense (e.g. cancelled → done) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  ThoughtToTaskController_convert: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ConvertThoughtDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TaskResponseDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  SuggestionsController_list: {
    parameters: {
      query?: {
        limit?: number;
        /** @description next_cursor from the previous page */
        cursor?: string;
        status?: 'pending' | 'accepted' | 'rejected' | 'expired' | 'all';
        source_thought_id?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SuggestionPageDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  SuggestionsController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SuggestionResponseDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  SuggestionsController_accept: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['AcceptSuggestionDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TaskResponseDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Already accepted, rejected or expired */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  SuggestionsController_reject: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RejectSuggestionDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SuggestionResponseDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Already accepted or expired */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  AiController_usage: {
    parameters: {
      query?: {
        /** @description UTC days back, today included (the ledger keeps 30 days) */
        days?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AiUsageResponseDto'];
        };
      };
      /** @description days is not an integer from 1 to 30. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description Missing or invalid API key. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  AiController_status: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AiStatusResponseDto'];
        };
      };
      /** @description Missing or invalid API key. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  OperationsController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Progress of a long-running request */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OperationResponseDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  IntelligenceController_reanalyze: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ReanalyzeDto'];
      };
    };
    responses: {
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OperationResponseDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  IntelligenceController_analyze: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AnalyzeAcceptedDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  IntelligenceController_analyses: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AnalysisHistoryDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  EventStreamController_stream: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description An open event stream */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description The key already holds EVENT_STREAMS_PER_KEY open streams */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/event-stream': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  ConsciousnessController_runNow: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ConsciousnessCheckDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  ConsciousnessController_list: {
    parameters: {
      query?: {
        limit?: number;
        /** @description next_cursor from the previous page */
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ConsciousnessCheckPageDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  ConsciousnessController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ConsciousnessCheckDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  ConsciousnessController_markInsight: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        index: number;
        action: 'pin' | 'unpin' | 'dismiss' | 'restore';
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ConsciousnessCheckDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  McpController_stream: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      405: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  McpController_handle: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': Record<string, never>;
      };
    };
    responses: {
      /** @description A JSON-RPC response (202 with no body for a notification) */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description A browser Origin not named in CORS_ORIGINS */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  McpController_endSession: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      405: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  BackupsController_list: {
    parameters: {
      query?: {
        limit?: number;
        /** @description next_cursor from the previous page */
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BackupPageDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description The key is not an admin key. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  BackupsController_status: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BackupStatusDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      /** @description The key is not an admin key. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  ExportController_export: {
    parameters: {
      query?: {
        /** @description json: the versioned document; markdown: a zip of notes (an Obsidian vault) */
        format?: 'json' | 'markdown';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The export, as an attachment */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ExportDocumentDto'];
          'application/zip': string;
        };
      };
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
          'application/zip': components['schemas']['ErrorResponseDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
  ImportController_import: {
    parameters: {
      query: {
        /** @description pai: our JSON export; markdown: a zip of Markdown notes (Obsidian); memos: its API memo list (JSON) or its Markdown zip export; karakeep: its JSON export */
        source: 'pai' | 'markdown' | 'memos' | 'karakeep';
        /** @description Read and check everything, report counts and problems, write nothing */
        dry_run?: boolean;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'multipart/form-data': {
          /** Format: binary */
          file?: string;
        };
        'application/json': {
          /** Format: binary */
          file?: string;
        };
        'application/zip': {
          /** Format: binary */
          file?: string;
        };
        'application/octet-stream': {
          /** Format: binary */
          file?: string;
        };
      };
    };
    responses: {
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OperationResponseDto'];
        };
      };
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorResponseDto'];
        };
      };
    };
  };
}
