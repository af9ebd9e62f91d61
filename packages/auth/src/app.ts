import {
  createServiceApp,
  createTokenVerifier,
  type ServiceDeps,
  serviceAppOptions,
  serviceContext,
} from '@konecta/core';
import { createLocalJWKSet } from 'jose';
import { authConstraints } from './constraints';
import type { AuthContext } from './context';
import { invitationRoutes } from './invitations/routes';
import { keyStoreFor } from './keys/key-store';
import { keyRoutes } from './keys/routes';
import { createKeyRing } from './keys/signing-keys';
import { mailerFor } from './mail/mailer';
import { mailboxRoutes } from './mail/routes';
import { meRoutes } from './me/routes';
import { notificationRoutes } from './notifications/routes';
import { passwordResetRoutes } from './password-reset/routes';
import { roleRoutes } from './roles/routes';
import { serviceTokenRoutes } from './service-tokens/routes';
import { sessionRoutes } from './sessions/routes';
import { userRoutes } from './users/routes';
import { serviceOnlyRoutes } from './users/service-routes';

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

/** Users, roles and permissions, invitations, sign-in with rotating refresh tokens, and the JWKS. */
export function createApp(deps: ServiceDeps, ctx = authContext(deps)) {
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
      api.route('/', sessionRoutes(ctx));
      api.route('/', meRoutes(ctx));
      api.route('/', notificationRoutes(ctx));
      api.route('/', invitationRoutes(ctx));
      api.route('/', passwordResetRoutes(ctx));
      api.route('/', userRoutes(ctx));
      api.route('/', roleRoutes(ctx));
      api.route('/', keyRoutes(ctx));
      api.route('/', serviceTokenRoutes(ctx));
      api.route('/', serviceOnlyRoutes(ctx));
      if (deps.config.local) api.route('/', mailboxRoutes(ctx));
    },
  );
}
