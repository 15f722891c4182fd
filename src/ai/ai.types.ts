/**
 * The shapes every AI backend speaks, whatever is behind it (Claude, Ollama, the offline
 * local analyser, the test mock). The orchestrator validates backend output into these.
 */
import type { ThoughtType } from '../thoughts/thought.entity.js';

export type AiBackendName = 'claude' | 'ollama' | 'local' | 'mock';
export type TaskPriority = 'low' | 'medium' | 'high' | 'urgent';

export interface ThoughtForAnalysis {
  id: string;
  content: string;
  /** The user's own tags on it. */
  tags: string[];
  createdAt: Date;
  /** Never send to a cloud backend. */
  localOnly: boolean;
}

export interface ProfileForAi {
  ongoingProjects: {
    name: string;
    description?: string;
    status: 'active' | 'paused' | 'done';
    tags?: string[];
    /** Other names the user calls it by ("duolingo" for "Spanish lessons"). */
    aliases?: string[];
  }[];
  goals: { title: string; horizon?: string; targetDate?: string }[];
  workPatterns?: { energyPeaks?: string[]; notes?: string };
}

export interface AnalysisContext {
  userId: string;
  profile: ProfileForAi;
  /** The user's tag vocabulary, most used first, so backends reuse tags instead of inventing near-duplicates. */
  existingTags: string[];
  /**
   * Tags the user removed from several thoughts: never propose them (existingTags already leaves
   * them out). For the local backend; prompts do not carry it (it may name local_only tags).
   */
  rejectedTags?: string[];
  /** Those of existingTags seen only on local_only thoughts: a cloud backend never gets them. */
  localOnlyTags?: string[];
  /** The user's IANA zone; due dates are resolved in it. */
  timezone: string;
  /** "Now", passed in so analysis is reproducible in tests. */
  now: Date;
}

export interface TagSuggestion {
  tag: string;
  confidence: number;
}

export interface TaskCandidate {
  title: string;
  description?: string;
  priority: TaskPriority;
  /** YYYY-MM-DD in the user's zone, when the thought names a day. */
  dueDate: string | null;
  /** HH:MM (24 h) in the user's zone, when it names a time. */
  dueTime: string | null;
  /** The words that named the date or time, as written ("tomorrow at 5pm"). */
  dueText: string | null;
  confidence: number;
  /** The span of the thought this task rests on, quoted from it. */
  evidence: string;
}

export interface ThoughtAnalysis {
  tags: TagSuggestion[];
  thoughtType: ThoughtType;
  isActionable: boolean;
  tasks: TaskCandidate[];
  /** One line. */
  summary: string;
  sentiment?: 'positive' | 'neutral' | 'negative';
  energy?: 'low' | 'medium' | 'high';
}

export interface ConsciousnessInput {
  userId: string;
  /** Thoughts since the last check (the ones to reason about). */
  recentThoughts: ThoughtForAnalysis[];
  /** A longer window for trends (includes the recent ones). */
  trendThoughts: ThoughtForAnalysis[];
  openTasks: {
    id: string;
    title: string;
    dueDate: string | null;
    sourceThoughtId: string | null;
    createdAt: Date;
  }[];
  profile: ProfileForAi;
  timezone: string;
  windowStart: Date;
  windowEnd: Date;
  now: Date;
}

export type PatternKind = 'recurring_theme' | 'stalled_project' | 'open_loop' | 'time_of_day';

export interface Pattern {
  kind: PatternKind;
  title: string;
  description: string;
  thoughtIds: string[];
  confidence: number;
}

export interface Insight {
  title: string;
  description: string;
  thoughtIds: string[];
}

export interface CheckSuggestion {
  title: string;
  description?: string;
  priority: TaskPriority;
  thoughtIds: string[];
  confidence: number;
}

export interface ConsciousnessResult {
  summary: string;
  patterns: Pattern[];
  insights: Insight[];
  suggestions: CheckSuggestion[];
}

export interface TokenUsage {
  /** Input tokens read afresh (for Claude: after the last cache breakpoint, or all when nothing was cached). */
  inputTokens: number;
  outputTokens: number;
  /** Claude prompt caching: prefix tokens written to the cache by this call. */
  cacheCreationInputTokens?: number;
  /** Claude prompt caching: prefix tokens read from the cache by this call. */
  cacheReadInputTokens?: number;
}

/** What a backend hands back: raw output (validated by the orchestrator, never trusted), and facts for the ledger. */
export interface BackendAnswer {
  output: unknown;
  model: string;
  usage: TokenUsage;
  promptVersion: string;
}

/** Per-call choices the orchestrator makes; backends that have no use for them ignore them. */
export interface BackendCallOptions {
  /** Use this model instead of the configured one (Claude's fallback model on overload). */
  model?: string;
}

export interface AiBackend {
  readonly name: AiBackendName;
  /** Sends data off this machine (Claude); local_only thoughts never go to such a backend. */
  readonly isCloud: boolean;
  /** The configured model, shown by GET /ai/status. */
  readonly model?: string;
  /** A second model to try once when the first is overloaded (Claude only). */
  readonly fallbackModel?: string;
  /** Configured well enough to try (e.g. an API key is set). */
  isConfigured(): boolean;
  analyzeThought(
    thought: ThoughtForAnalysis,
    context: AnalysisContext,
    signal: AbortSignal,
    options?: BackendCallOptions,
  ): Promise<BackendAnswer>;
  consciousnessCheck(
    input: ConsciousnessInput,
    signal: AbortSignal,
    options?: BackendCallOptions,
  ): Promise<BackendAnswer>;
}

/** A validated answer with where it came from. */
export interface AiResult<T> {
  value: T;
  backend: AiBackendName;
  model: string;
  promptVersion: string;
  usage: TokenUsage;
  latencyMs: number;
  /** Backends tried before this one, and why they were passed over. */
  skipped: { backend: AiBackendName; reason: string }[];
}
