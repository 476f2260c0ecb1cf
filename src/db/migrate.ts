import { loadConfig } from '../config.js';
import { createDatabase } from './client.js';

// `npm run db:migrate`: applies pending migrations to DATABASE_URL, or to the embedded database.
const config = loadConfig();
const database = await createDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
await database.migrate();
await database.close();
console.log(`migrated ${database.kind === 'postgres' ? 'PostgreSQL' : `PGlite in ${config.dataDir}`}`);
