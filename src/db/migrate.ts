import { loadConfig } from '../config.js';
import { createDatabase } from './client.js';

// `npm run db:migrate` (`node dist/db/migrate.js` in the image): applies pending migrations to DATABASE_URL, or to the embedded database.
const config = loadConfig();
const where = config.databaseUrl ? 'PostgreSQL' : `PGlite in ${config.dataDir}`;
console.log(`opening ${where}`);
const database = await createDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
const applied = await database.migrate(({ index, total, name }) => console.log(`applying migration ${index}/${total}: ${name}`));
await database.close();
console.log(applied ? `migrated ${where}: ${applied} migration${applied === 1 ? '' : 's'} applied` : `${where} is up to date`);
