import { loadConfig } from '../config.js';
import { createDatabase } from './client.js';

// `npm run db:migrate` (`node dist/db/migrate.js` in the image): applies pending migrations to DATABASE_URL, or to the embedded database.
const config = loadConfig();
const where = config.databaseUrl ? 'PostgreSQL' : `PGlite in ${config.dataDir}`;
console.log(`opening ${where}`);
const database = await createDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
const applied = await database.migrate(({ names }) => console.log(`applying ${names.length} migration${names.length === 1 ? '' : 's'}:\n  ${names.join('\n  ')}`));
await database.close();
console.log(applied ? `migrated ${where}: ${applied} migration${applied === 1 ? '' : 's'} applied` : `${where} is up to date`);
