/**
 * One list of undo steps (stop a child, drop the bench database, remove a temp dir) run
 * both by `finally` and by Ctrl-C, so an interrupted bench leaves nothing behind.
 */
type Step = () => Promise<void> | void;

const steps: Step[] = [];
let running: Promise<void> | undefined;

/** Registers an undo step; returns a function that forgets it (once it was done early). */
export function onCleanup(step: Step): () => void {
  steps.push(step);
  return () => {
    const index = steps.indexOf(step);
    if (index !== -1) steps.splice(index, 1);
  };
}

/** Runs every step, newest first (children stop before their database is dropped). */
export function cleanupAll(): Promise<void> {
  running ??= (async () => {
    while (steps.length > 0) {
      const step = steps.pop()!;
      try {
        await step();
      } catch (error) {
        console.error(`cleanup: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  })().finally(() => {
    running = undefined;
  });
  return running;
}

let installed = false;
/** Ctrl-C or a kill still stops children and drops the database before exiting. */
export function installSignalCleanup(): void {
  if (installed) return;
  installed = true;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: cleaning up`);
      void cleanupAll().finally(() => process.exit(130));
    });
  }
}

/** Runs a bench's main with cleanup guaranteed and a non-zero exit on failure. */
export async function runMain(main: () => Promise<void>): Promise<void> {
  installSignalCleanup();
  try {
    await main();
  } catch (error) {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 1;
  } finally {
    await cleanupAll();
  }
}
