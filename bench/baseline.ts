import { defineBenchmark } from './lib/context.js';
import { SEED_ROWS } from './lib/baseline.js';

// The framework floor every later benchmark is read against.
export default defineBenchmark({
  name: 'baseline',
  description: 'Bare Fastify 5 + pg (indexed SELECT, INSERT, both) and this app’s /health routes',
  async run(ctx) {
    const baseline = await ctx.baseline();
    return { rows: baseline.rows, notes: { seedRows: SEED_ROWS } };
  },
});
