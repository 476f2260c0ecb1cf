import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { createDatabase } from '../../src/db/client.js';

t.test('the embedded database refuses a second process on its directory', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'skyrocket-lock-'));
  t.teardown(() => rmSync(dataDir, { recursive: true, force: true }));
  const pidFile = join(dataDir, 'pglite', 'skyrocket.pid');
  mkdirSync(join(dataDir, 'pglite'), { recursive: true });

  // A live process (the test runner that started this file) holds the directory.
  writeFileSync(pidFile, String(process.ppid));
  await t.rejects(createDatabase({ dataDir }), { message: new RegExp(`in use by process ${process.ppid}`) });

  // A stale file from a process that no longer exists is taken over.
  writeFileSync(pidFile, '4194303');
  const database = await createDatabase({ dataDir });
  t.ok(existsSync(pidFile), 'the directory is marked as ours while open');
  await database.close();
  t.notOk(existsSync(pidFile), 'closing releases it');
});
