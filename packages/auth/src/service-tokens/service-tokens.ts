import { type DomainServiceName, domainServices, unauthorized } from '@konecta/core';
import { type Executor, serviceClients } from '@konecta/db';
import { eq } from 'drizzle-orm';
import type { AuthContext } from '../context';
import { issueAccessToken } from '../keys/tokens';
import { newOpaqueToken, sameHash, sha256 } from '../passwords';

export const SERVICE_TOKEN_TTL_SECONDS = 300;

/** What each service may do when it calls another with a service token. */
export const servicePermissions: Partial<Record<DomainServiceName, string[]>> = {
  hr: ['auth.users.read', 'auth.users.invite', 'auth.users.manage'],
  finance: ['hr.employees.read-all', 'hr.employees.read-sensitive', 'hr.attendance.read', 'hr.leaves.read'],
  operation: ['finance.invoices.manage', 'finance.parties.read'],
  reporting: ['hr.employees.read-all', 'finance.statements.read', 'operation.items.read'],
};

/**
 * Registers (or re-keys) a service client and returns its secret, shown this once. The local
 * runner stores it under `.data/secrets/`; deployed, the bootstrap puts it in Secrets Manager.
 */
export async function registerServiceClient(db: Executor, name: DomainServiceName): Promise<string> {
  const { token: secret, hash } = newOpaqueToken();
  const permissions = servicePermissions[name] ?? [];
  await db
    .insert(serviceClients)
    .values({ name, secretHash: hash, permissions })
    .onConflictDoUpdate({ target: serviceClients.name, set: { secretHash: hash, permissions, rotatedAt: new Date() } });
  return secret;
}

export const serviceClientNames = domainServices;

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
