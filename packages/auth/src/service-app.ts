import {
  createServiceApp,
  createTokenVerifier,
  type ServiceDeps,
  type ServiceRouter,
  serviceAppOptions,
  serviceContext,
} from '@konecta/core';
import { createLocalJWKSet } from 'jose';
import { authConstraints } from './constraints';
import type { AuthContext } from './context';
import { keyStoreFor } from './keys/key-store';
import { createKeyRing } from './keys/signing-keys';
import { mailerFor } from './mail/mailer';

/** The auth service's working parts, built from the deps every service gets. */
export function authContext(deps: ServiceDeps): AuthContext {
  const keyStore = keyStoreFor(deps.config, deps.db);
  const base = serviceContext(deps);
  return {
    ...base,
    keyStore,
    // The key ring is part of the auth context, so it is built from the kernel's.
    keys: createKeyRing(base, keyStore, { accessTokenTtlSeconds: deps.config.auth.accessTokenTtlSeconds }),
    mailer: mailerFor(deps.config, deps.logger, deps.db),
  };
}

/** A group of auth routes (`sessionRoutes`, `userRoutes`…), mounted under `/api/auth`. */
export type AuthRoutes = (ctx: AuthContext) => ServiceRouter;

/**
 * The auth app with the given route groups: all of them locally and in containers (`app.ts`), one
 * group per Lambda function (`functions/`, the catalogue's `functions`). Imports no routes itself,
 * so a function's bundle holds only its own groups.
 */
export function authApp(deps: ServiceDeps, routes: readonly AuthRoutes[], ctx = authContext(deps)) {
  // The auth service checks tokens against its own key ring, not over HTTP to itself.
  const verifier = createTokenVerifier({
    issuer: deps.config.auth.issuer,
    audience: deps.config.auth.audience,
    jwks: async (header, token) => createLocalJWKSet(await ctx.keys.jwks())(header, token),
  });
  return createServiceApp(
    {
      ...serviceAppOptions('auth', { ...deps, verifier }),
      constraints: authConstraints,
      description:
        'Users, roles and permissions, invitations, sign-in with rotating refresh tokens, and the key set every service trusts.',
    },
    (api) => {
      for (const group of routes) api.route('/', group(ctx));
    },
  );
}
