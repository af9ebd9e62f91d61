import { loadConfig, openDatabase } from '@konecta/core';
import { exitOnConfigError } from '@konecta/core/node';
import { migrate } from '@konecta/db';
import { lockDataDir } from './pid-lock';

/** `npm run db:migrate`: applies pending migrations to DATABASE_URL, or to the embedded database. */
let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (err) {
  exitOnConfigError(err);
}
const unlock = config.database.url ? () => {} : lockDataDir(config.dataDir);
const handle = await openDatabase(config);
try {
  const { applied, total } = await migrate(handle.db);
  console.log(`${applied.length} migration(s) applied, ${total} in all (${handle.kind}).`);
} finally {
  await handle.close();
  unlock();
}
