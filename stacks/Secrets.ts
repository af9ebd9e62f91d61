import { SecretValue } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import type { StackContext } from 'sst/constructs';
import type { DomainServiceName } from '../packages/core/src/catalogue';
import { domainServices } from './settings';

/**
 * Secrets and settings the services read at cold start. Only ARNs and names ever reach a
 * function's environment; values stay in Secrets Manager (the database credentials are generated
 * by the database stack).
 *
 * - Auth signing keys: the private halves of the ES256 keys. Starts as an empty list; the auth
 *   service writes the first key during the deploy's migration step, and the weekly rotation job
 *   adds the next ones.
 * - Data key: encrypts national ids and payout accounts at rest. Generated here (64 random
 *   alphanumerics, reduced to a 256-bit key by the services); never rotated by a deploy.
 * - Service clients: one generated secret per domain service (64 random alphanumerics), the
 *   credential it presents to the auth service for service tokens. Named
 *   `<stage>/<app>/service-clients/<service>`; only that service and the migration step (whose
 *   auth bootstrap registers each client) may read it. Rotate one by changing its value and
 *   redeploying (or rerunning the migration step): the old value stops working.
 * - Settings (SSM): deploy-time choices an operator can read back: the first admin's email.
 */
export function Secrets({ stack, app }: StackContext) {
  const prefix = `${app.stage}/${app.name}`;
  const signingKeys = new secretsmanager.Secret(stack, 'AuthSigningKeys', {
    secretName: `${prefix}/auth-signing-keys`,
    description: 'Konecta ERP: private ES256 signing keys of the auth service (written by the service)',
    // Not a secret: the empty key list the service fills on its first run.
    secretStringValue: SecretValue.unsafePlainText('[]'),
  });
  const dataKey = new secretsmanager.Secret(stack, 'DataKey', {
    secretName: `${prefix}/data-key`,
    description: 'Konecta ERP: key that encrypts personal and bank fields at rest',
    generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
  });

  const serviceClientPrefix = `${prefix}/service-clients/`;
  const serviceClients = Object.fromEntries(
    domainServices.map((name) => [
      name,
      new secretsmanager.Secret(stack, `ServiceClient${name.charAt(0).toUpperCase()}${name.slice(1)}`, {
        secretName: `${serviceClientPrefix}${name}`,
        description: `Konecta ERP: client secret the ${name} service obtains service tokens with`,
        generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
      }),
    ]),
  ) as Record<DomainServiceName, secretsmanager.Secret>;

  const bootstrapAdminEmail = process.env.KONECTA_ADMIN_EMAIL?.trim() || undefined;
  if (bootstrapAdminEmail && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(bootstrapAdminEmail)) {
    throw new Error(`KONECTA_ADMIN_EMAIL: "${bootstrapAdminEmail}" is not an email address`);
  }
  new ssm.StringParameter(stack, 'BootstrapAdminEmail', {
    parameterName: `/${prefix}/bootstrap-admin-email`,
    description: 'Konecta ERP: who is invited as the first System Admin (KONECTA_ADMIN_EMAIL at deploy)',
    stringValue: bootstrapAdminEmail ?? 'none',
  });

  return { signingKeys, dataKey, serviceClients, serviceClientPrefix, bootstrapAdminEmail };
}
