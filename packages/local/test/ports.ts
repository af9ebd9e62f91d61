/**
 * Port offsets (KONECTA_PORT_OFFSET) for the suites that start the local runner. Each suite has
 * its own offset so suites of one run never meet; but two runs on one machine (two checkouts, CI
 * beside a developer's `npm test`) used the same ones, and a test then talked to the other run's
 * gateway (signed in there, found its data). A suite takes its offset when every port is free, or
 * else the first free one of a few steps above it.
 */
import { randomInt } from 'node:crypto';
import { createServer } from 'node:net';
import { catalogue, serviceNames } from '@konecta/core';

function free(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** `base`, or another offset below `base + 1000` where every catalogue port is free now. */
export async function freePortOffset(base: number): Promise<number> {
  const ports = serviceNames.map((name) => catalogue[name].port);
  const allFree = async (offset: number) => (await Promise.all(ports.map((p) => free(p + offset)))).every(Boolean);
  if (await allFree(base)) return base;
  // Another run holds them: a step chosen at random, so two runs that both moved rarely meet.
  const start = randomInt(1, 50);
  for (let i = 0; i < 49; i++) {
    const offset = base + (((start + i - 1) % 49) + 1) * 20;
    if (await allFree(offset)) return offset;
  }
  throw new Error(`no free ports for the local runner at offsets ${base} to ${base + 980}`);
}
