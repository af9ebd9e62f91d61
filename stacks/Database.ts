import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import { type StackContext, use } from 'sst/constructs';
import { databaseSecurityGroups, Network } from './Network';
import { settingsFor } from './settings';

export const DATABASE_NAME = 'konecta';

/**
 * One RDS PostgreSQL instance (one schema per service, created by the migrations), its generated
 * credentials in Secrets Manager, and RDS Proxy in front of it for the Lambdas, which would
 * otherwise open a connection per instance. Private subnets only; encrypted; backed up daily;
 * production is Multi-AZ, deletion-protected and kept (with a final snapshot) if the stack goes.
 */
export function Database({ stack, app }: StackContext) {
  const { vpc, securityGroups } = use(Network);
  const settings = settingsFor(app.stage, app.region);
  const privateSubnets = { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS };
  const groups = databaseSecurityGroups(stack, vpc, securityGroups);

  const instance = new rds.DatabaseInstance(stack, 'Postgres', {
    engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
    instanceType: new ec2.InstanceType(settings.database.instanceType),
    vpc,
    vpcSubnets: privateSubnets,
    securityGroups: [groups.database],
    publiclyAccessible: false,
    multiAz: settings.database.multiAz,
    databaseName: DATABASE_NAME,
    credentials: rds.Credentials.fromGeneratedSecret('konecta', {
      secretName: `${app.stage}/${app.name}/database`,
    }),
    storageEncrypted: true,
    storageType: rds.StorageType.GP3,
    allocatedStorage: settings.database.allocatedStorageGiB,
    maxAllocatedStorage: settings.database.maxAllocatedStorageGiB,
    backupRetention: Duration.days(settings.database.backupRetentionDays),
    preferredBackupWindow: '01:00-02:00',
    deletionProtection: settings.production,
    removalPolicy: settings.production ? RemovalPolicy.SNAPSHOT : RemovalPolicy.DESTROY,
    autoMinorVersionUpgrade: true,
    cloudwatchLogsExports: ['postgresql'],
  });
  const secret = instance.secret;
  if (!secret) throw new Error('the database credentials secret was not generated');

  const proxy = instance.addProxy('Proxy', {
    secrets: [secret],
    vpc,
    vpcSubnets: privateSubnets,
    securityGroups: [groups.proxy],
    requireTLS: true,
    idleClientTimeout: Duration.minutes(30),
    maxConnectionsPercent: 90,
  });

  stack.addOutputs({ DatabaseEndpoint: instance.dbInstanceEndpointAddress, ProxyEndpoint: proxy.endpoint });
  return { instance, proxy, secret };
}
