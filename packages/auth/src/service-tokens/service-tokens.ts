import {
  type DomainServiceName,
  domainServices,
  inTransaction,
  serviceClientSecret,
  unauthorized,
} from '@konecta/core';
import { serviceClients } from '@konecta/db';
import { eq, sql } from 'drizzle-orm';
import type { AuthContext } from '../context';
import { issueAccessToken } from '../keys/tokens';
import { newOpaqueToken, sameHash, sha256 } from '../passwords';

export const SERVICE_TOKEN_TTL_SECONDS = 300;

/** What each service may do when it calls another with a service token. */
export const servicePermissions: Partial<Record<DomainServiceName, string[]>> = {
  hr: ['auth.users.read', 'auth.users.invite', 'auth.users.manage', 'auth.service.logins.read'],
  finance: ['hr.employees.read-all', 'hr.employees.read-sensitive', 'hr.attendance.read', 'hr.leaves.read'],
  operation: ['finance.invoices.manage', 'finance.parties.read'],
  reporting: ['hr.employees.read-all', 'finance.statements.read', 'operation.items.read'],
};

/**
 * Registers (or re-keys) a service client and returns its secret, shown this once. The local
 * runner stores it under `.data/secrets/`; deployed, the bootstrap puts it in Secrets Manager.
 */
export async function registerServiceClient(ctx: AuthContext, name: DomainServiceName): Promise<string> {
  const { token: secret, hash } = newOpaqueToken();
  const permissions = servicePermissions[name] ?? [];
  await inTransaction(ctx.db, async (tx) => {
    await tx
      .insert(serviceClients)
      .values({ name, secretHash: hash, permissions })
      .onConflictDoUpdate({
        target: serviceClients.name,
        set: { secretHash: hash, permissions, rotatedAt: ctx.now() },
      });
  });
  return secret;
}

export const serviceClientNames = domainServices;

/**
 * Registers every domain service as a client with the secret it holds (a file under
 * `.data/secrets/` locally, created on first start; its Secrets Manager secret when deployed):
 * the auth bootstrap runs it on `npm start` and in the deploy's migration step. A client whose
 * secret and permissions are unchanged is left as it is; a changed secret (rotated in Secrets
 * Manager, or a wiped `.data/`) replaces the old one, which stops working.
 */
export async function registerServiceClients(
  ctx: AuthContext,
  secretOf: (name: DomainServiceName) => Promise<string> = (name) => serviceClientSecret(ctx.config, name),
): Promise<DomainServiceName[]> {
  const wanted = await Promise.all(
    serviceClientNames.map(async (name) => ({
      name,
      secretHash: sha256(await secretOf(name)),
      permissions: servicePermissions[name] ?? [],
    })),
  );
  return inTransaction(ctx.db, async (tx) => {
    const existing = new Map((await tx.select().from(serviceClients)).map((c) => [c.name, c]));
    const changed: DomainServiceName[] = [];
    for (const client of wanted) {
      const known = existing.get(client.name);
      const same =
        known &&
        sameHash(known.secretHash, client.secretHash) &&
        [...known.permissions].sort().join() === [...client.permissions].sort().join();
      if (same) continue;
      await tx
        .insert(serviceClients)
        .values(client)
        .onConflictDoUpdate({
          target: serviceClients.name,
          set: { secretHash: client.secretHash, permissions: client.permissions, rotatedAt: sql`now()` },
        });
      changed.push(client.name);
    }
    return changed;
  });
}

/** Client-credentials grant: a 5-minute service token for a registered service. */
export async function issueServiceToken(ctx: AuthContext, clientId: string, clientSecret: string) {
  const [client] = await ctx.db.select().from(serviceClients).where(eq(serviceClients.name, clientId)).limit(1);
  const presented = sha256(clientSecret);
  if (!client || !sameHash(client.secretHash, presented)) throw unauthorized('The client id or secret is not correct.');
  const token = await issueAccessToken(
    ctx.keys,
    ctx.config,
    { id: `service:${client.name}`, kind: 'service', roles: [], permissions: client.permissions },
    SERVICE_TOKEN_TTL_SECONDS,
  );
  return { ...token, tokenType: 'Bearer' as const };
}
