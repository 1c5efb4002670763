/** The e2e tests' name for the timings shared with the queue-mode cluster and the bench (scripts/lib/timings.ts). */
export { timed } from '../../../scripts/lib/timings';
