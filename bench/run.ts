/**
 * The whole benchmark: start-up, thoughts, tasks, then consciousness checks, one after the other (never in
 * parallel: each would steal the others' two cores). Flags go to the thoughts and tasks
 * benches (--quick, --users N to both).
 *   npm run bench [-- --quick]
 */
import { runMain } from './lib/cleanup.js';
import { benchConsciousness } from './consciousness.js';
import { benchExport } from './export.js';
import { machineLine } from './lib/report.js';
import { benchStartup } from './startup.js';
import { benchTasks, tasksOptions } from './tasks.js';
import { benchThoughts, thoughtsOptions } from './thoughts.js';

void runMain(async () => {
  const argv = process.argv.slice(2);
  const thoughtsOpts = thoughtsOptions(argv);
  const tasksOpts = tasksOptions(argv);
  const startup = await benchStartup();
  const thoughts = await benchThoughts(thoughtsOpts);
  const tasks = await benchTasks(tasksOpts);
  const consciousness = await benchConsciousness();
  console.log(`\n${machineLine()}\n${startup}\n\n${thoughts}\n\n${tasks}\n\n${consciousness}`);
  console.log(`\n${(await benchExport()).text}`);
});
