import type { ServiceDeps } from '@konecta/core';
import { invitationRoutes } from './invitations/routes';
import { keyRoutes } from './keys/routes';
import { mailboxRoutes } from './mail/routes';
import { meRoutes } from './me/routes';
import { notificationRoutes } from './notifications/routes';
import { passwordResetRoutes } from './password-reset/routes';
import { roleRoutes } from './roles/routes';
import { authApp, authContext } from './service-app';
import { serviceTokenRoutes } from './service-tokens/routes';
import { sessionRoutes } from './sessions/routes';
import { userRoutes } from './users/routes';
import { serviceOnlyRoutes } from './users/service-routes';

export { authContext } from './service-app';

/** Users, roles and permissions, invitations, sign-in with rotating refresh tokens, and the JWKS. */
export function createApp(deps: ServiceDeps, ctx = authContext(deps)) {
  return authApp(
    deps,
    [
      sessionRoutes,
      meRoutes,
      notificationRoutes,
      invitationRoutes,
      passwordResetRoutes,
      userRoutes,
      roleRoutes,
      keyRoutes,
      serviceTokenRoutes,
      serviceOnlyRoutes,
      ...(deps.config.local ? [mailboxRoutes] : []),
    ],
    ctx,
  );
}
