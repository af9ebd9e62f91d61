/**
 * The auth service as its container serves it: `createApp` with its own AuthContext over
 * `openDatabase`, served by `startServer`. Configured by the environment bench/auth.ts prepared
 * the database with (KONECTA_STAGE, DATABASE_URL, KONECTA_DATA_DIR holding the signing key).
 */
import { createApp } from '@konecta/auth';
import { createServiceDeps, loadConfig, openDatabase } from '@konecta/core';
import { startServer } from '@konecta/core/node';
import { announce } from './shared';

const config = loadConfig(process.env);
const deps = createServiceDeps('auth', config, await openDatabase(config));
const running = await startServer(createApp(deps), { port: 0 });
announce(running.port);
