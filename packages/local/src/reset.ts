import { rmSync } from 'node:fs';
import { loadConfig } from '@konecta/core';
import { lockDataDir } from './pid-lock';

/** `npm run reset`: wipes the local data folder (embedded database, keys) unless it is in use. */
const { dataDir } = loadConfig();
try {
  lockDataDir(dataDir);
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
rmSync(dataDir, { recursive: true, force: true });
console.log(`Removed ${dataDir}. The next \`npm start\` creates it again with fresh demo data.`);
