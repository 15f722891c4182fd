import { parentPort } from 'node:worker_threads';
import type { AnalysisContext, ConsciousnessInput } from '../../ai.types.js';
import { analyzeLocally } from '../local/analyze.js';
import { checkLocally } from '../local/consciousness.js';
import { loadNlp } from '../local/nlp.js';

/** What the main thread asks of a local-analysis thread. */
export type LocalTask =
  | {
      kind: 'analyze';
      content: string;
      context: Pick<
        AnalysisContext,
        'existingTags' | 'rejectedTags' | 'profile' | 'timezone' | 'now'
      >;
    }
  | { kind: 'check'; input: ConsciousnessInput };

export interface LocalTaskMessage {
  id: number;
  task: LocalTask;
}

export type LocalTaskReply = { id: number; result: unknown } | { id: number; error: string };

/**
 * Entry of a worker thread that runs the local backend's rules (the existing functions, as
 * they are) off the main event loop. One task at a time; the model is built once per thread.
 */
async function answer({ id, task }: LocalTaskMessage): Promise<void> {
  try {
    const nlp = await loadNlp();
    const result =
      task.kind === 'analyze'
        ? analyzeLocally(nlp, task.content, task.context)
        : checkLocally(nlp, task.input);
    parentPort!.postMessage({ id, result } satisfies LocalTaskReply);
  } catch (error) {
    parentPort!.postMessage({
      id,
      error: error instanceof Error ? error.message : String(error),
    } satisfies LocalTaskReply);
  }
}

// `answer` never rejects: every failure is posted back to the task's caller.
parentPort?.on('message', (message: LocalTaskMessage) => void answer(message));
