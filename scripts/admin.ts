import { eq } from 'drizzle-orm';
import { loadConfig } from '../src/config.js';
import { createDatabase } from '../src/db/client.js';
import { users } from '../src/db/schema/index.js';

// Platform admins are made here (or by ADMIN_EMAILS), never through the public API.
// Usage: npm run admin -- grant someone@example.org | npm run admin -- revoke someone@example.org
const [action, email] = process.argv.slice(2);
if ((action !== 'grant' && action !== 'revoke') || !email) {
  console.error('usage: npm run admin -- grant|revoke <email>');
  process.exit(64);
}
const config = loadConfig();
const database = await createDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
await database.migrate();
const updated = await database.db
  .update(users)
  .set({ isAdmin: action === 'grant' })
  .where(eq(users.email, email.toLowerCase()))
  .returning({ id: users.id });
await database.close();
if (updated.length === 0) {
  console.error(`no account with the address ${email}`);
  process.exit(1);
}
console.log(`${action === 'grant' ? 'granted' : 'revoked'} platform admin for ${email}; it applies from the next login or refresh`);
