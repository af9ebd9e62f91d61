/** The kernel app served directly by `startServer`, with the kernel's own database client. */
import { createDatabase, createTokenVerifier } from '@konecta/core';
import { startServer } from '@konecta/core/node';
import { createBenchApp } from './kernel-app';
import { announce, benchEnv } from './shared';

const env = benchEnv();
const { db } = await createDatabase({ url: env.databaseUrl, poolMax: 10 });
const verifier = createTokenVerifier({ issuer: env.issuer, audience: env.audience, jwks: env.jwks });
const running = await startServer(createBenchApp(db, verifier), { port: 0 });
announce(running.port);
