import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Duration } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import {
  Api,
  Cron,
  EventBus,
  type FunctionProps,
  Script,
  Function as SstFunction,
  type StackContext,
  use,
} from 'sst/constructs';
import { externalsFor, lambdaInject, lambdaPlugins } from '../packages/core/src/build/bundle';
import type { DomainServiceName, ServiceEntry } from '../packages/core/src/catalogue';
import { Database } from './Database';
import { shipImportedPackages } from './lambda-packages';
import { Network } from './Network';
import { Secrets } from './Secrets';
import { catalogue, domainServices, runtimesFor, settingsFor } from './settings';

/** Who a function or task runs as: a service, the migration step, or the outbox relay. */
type Role = DomainServiceName | 'migrations' | 'relay';

/** `hr` → `Hr`, `employee-files` → `EmployeeFiles` (construct ids). */
export const pascal = (name: string) =>
  name
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');

/** Changes whenever a migration file does, so the migration step reruns only then. */
export function migrationsVersion(root: string, extra = ''): string {
  const dir = join(root, 'migrations');
  const hash = createHash('sha256');
  const walk = (d: string): string[] =>
    readdirSync(d, { withFileTypes: true })
      .sort((a, b) => a.name.localeCompare(b.name))
      .flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)]));
  for (const file of walk(dir)) hash.update(relative(dir, file)).update('\0').update(readFileSync(file)).update('\0');
  return hash.update(extra).digest('hex').slice(0, 16);
}

/**
 * What the domain services share, and those of them on Fargate (the runtime a stage or
 * `KONECTA_RUNTIME` gives each service):
 *
 * - **Lambda** (the default): the service's HTTP API functions are a stack of their own
 *   (`ServiceApi.ts`), built with this stack's function defaults and its `lambda` helper.
 * - **Fargate**: a service on the shared cluster, registered in Cloud Map, behind the internal
 *   ALB, which the HTTP API reaches through a VPC link; health-checked and auto-scaled.
 *
 * Around them: the HTTP API, the file bucket, the EventBridge bus with one rule per consuming
 * service, the scheduled jobs and the outbox relay as Crons, and the migration step as a Script
 * that runs inside the VPC.
 */
export function Services({ stack, app }: StackContext) {
  const { vpc, securityGroups } = use(Network);
  const database = use(Database);
  const secrets = use(Secrets);
  const settings = settingsFor(app.stage, app.region);
  const runtimes = runtimesFor(app.stage);
  const root = app.appPath;
  const privateSubnets = { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS };
  const publicUrl = process.env.KONECTA_PUBLIC_URL?.replace(/\/$/, '') || undefined;
  const mailFrom = process.env.KONECTA_MAIL_FROM || undefined;

  const bus = new EventBus(stack, 'Bus', {
    cdk: { eventBus: { eventBusName: `${app.stage}-${app.name}` } },
  });
  const api = new Api(stack, 'Api', {
    defaults: { throttle: settings.apiThrottle },
    accessLog: { retention: settings.logRetention },
  });
  const jwksUrl = `${api.url}${catalogue.auth.prefix}/.well-known/jwks.json`;
  // The file-storage port's bucket (receipts, imports, produced files): private, encrypted, TLS only.
  const files = new s3.Bucket(stack, 'Files', {
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    encryption: s3.BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    // Browsers upload receipts straight here with a presigned POST (packages/core/src/upload-grant.ts):
    // from the site's origin when it is known (KONECTA_PUBLIC_URL), else any (the signature is the permission).
    cors: [
      {
        allowedMethods: [s3.HttpMethods.POST],
        allowedOrigins: [publicUrl ?? '*'],
        allowedHeaders: ['*'],
        maxAge: 3000,
      },
    ],
  });
  /** The services that store files (packages/core/src/files.ts reads FILES_BUCKET). */
  const storesFiles = (name: Role) => name === 'finance';

  // Shared by every function of this stack and of the services' API stacks (ServiceApi.ts):
  // network placement and how the code is bundled.
  const functionDefaults: FunctionProps = {
    vpc,
    vpcSubnets: privateSubnets,
    securityGroups: [securityGroups.lambdas],
    nodejs: {
      format: 'esm',
      minify: true,
      // Modules loaded with import() in chunks of their own: the XLSX and PDF libraries are bundled,
      // and only the routes that make or read a file load them (packages/core/src/build/bundle.ts).
      splitting: true,
      // SST builds with its own esbuild; the plugins use only API both versions share. The same
      // plugins as `npm run bundle`, so its budget check measures what deploys.
      esbuild: {
        external: externalsFor('lambda'),
        plugins: lambdaPlugins as never[],
        inject: lambdaInject,
        // As `npm run bundle` builds (SST keeps names by default, about 7% more code).
        keepNames: false,
      },
    },
    hooks: { afterBuild: shipImportedPackages(root) },
  };
  stack.setDefaultFunctionProps(functionDefaults);

  // `sst dev` runs the functions' code on the developer's machine, which cannot reach the private
  // proxy: it uses a local database (KONECTA_DEV_DATABASE_URL) or a tunnel to the proxy
  // (KONECTA_DEV_DATABASE_HOST, credentials still from the secret). Deployed, always the proxy.
  const devUrl = app.mode === 'dev' ? process.env.KONECTA_DEV_DATABASE_URL : undefined;
  const devHost = app.mode === 'dev' ? process.env.KONECTA_DEV_DATABASE_HOST : undefined;
  const lambdaDatabase: Record<string, string> = devUrl
    ? { DATABASE_URL: devUrl }
    : { DATABASE_HOST: devHost ?? database.proxy.endpoint };

  /** Settings every service reads (names and ARNs only: values stay in Secrets Manager). */
  const environmentFor = (name: Role, runtime: 'lambda' | 'fargate') => ({
    KONECTA_STAGE: app.stage,
    NODE_OPTIONS: '--enable-source-maps',
    DATABASE_SECRET_ARN: database.secret.secretArn,
    // Lambdas go through the proxy; containers hold a small pool straight to the instance.
    ...(runtime === 'lambda' ? lambdaDatabase : { DATABASE_PROXY: 'false' }),
    AUTH_JWKS_URL: jwksUrl,
    // Services call each other through the API, with service tokens (packages/core/src/service-client.ts).
    API_URL: api.url,
    SERVICE_CLIENT_SECRET_PREFIX: secrets.serviceClientPrefix,
    EVENT_BUS_NAME: bus.eventBusName,
    DATA_KEY_SECRET_ARN: secrets.dataKey.secretArn,
    ...(storesFiles(name) ? { FILES_BUCKET: files.bucketName } : {}),
    ...(publicUrl ? { PUBLIC_URL: publicUrl } : {}),
    ...(name === 'auth' || name === 'migrations'
      ? {
          AUTH_SIGNING_KEYS_SECRET_ARN: secrets.signingKeys.secretArn,
          ...(secrets.bootstrapAdminEmail ? { AUTH_BOOTSTRAP_ADMIN_EMAIL: secrets.bootstrapAdminEmail } : {}),
          ...(mailFrom ? { MAIL_FROM: mailFrom } : {}),
        }
      : {}),
  });

  /** What a service's code may do in AWS: read its secrets, publish events, and for auth more. */
  const grant = (grantee: iam.IGrantable, name: Role) => {
    database.secret.grantRead(grantee);
    secrets.dataKey.grantRead(grantee);
    bus.cdk.eventBus.grantPutEventsTo(grantee);
    if (storesFiles(name)) files.grantReadWrite(grantee);
    // A service reads its own client secret; the migration step reads them all to register them.
    for (const [client, secret] of Object.entries(secrets.serviceClients)) {
      if (client === name || name === 'migrations') secret.grantRead(grantee);
    }
    if (name === 'auth' || name === 'migrations') {
      secrets.signingKeys.grantRead(grantee);
      secrets.signingKeys.grantWrite(grantee);
      grantee.grantPrincipal.addToPrincipalPolicy(
        new iam.PolicyStatement({ actions: ['ses:SendEmail', 'ses:SendRawEmail'], resources: ['*'] }),
      );
    }
  };

  /** A function of `name`'s, in `scope` (this stack, or the service's API stack). */
  const lambda = (id: string, name: Role, props: FunctionProps, scope: Construct = stack) => {
    const fn = new SstFunction(scope, id, {
      ...props,
      environment: { ...environmentFor(name, 'lambda'), ...props.environment },
    });
    grant(fn, name);
    return fn;
  };

  // The migration step: schemas, tables and each service's bootstrap, before the services change.
  const migrate: FunctionProps = {
    handler: 'packages/local/src/deploy-migration.handler',
    description: 'Konecta ERP: applies migrations/ and bootstraps the services',
    timeout: '5 minutes',
    memorySize: '1024 MB',
    copyFiles: [{ from: 'migrations', to: 'migrations' }],
    environment: { ...environmentFor('migrations', 'lambda'), KONECTA_MIGRATIONS_DIR: '/var/task/migrations' },
  };
  const migrations = new Script(stack, 'Migrations', {
    onCreate: migrate,
    onUpdate: migrate,
    version: migrationsVersion(root, secrets.bootstrapAdminEmail ?? ''),
  });
  for (const fn of [migrations.createFunction, migrations.updateFunction]) if (fn) grant(fn, 'migrations');

  let fargate: { cluster: ecs.Cluster; listener: elbv2.ApplicationListener } | undefined;
  const fargateInfrastructure = () => {
    if (fargate) return fargate;
    const cluster = new ecs.Cluster(stack, 'Cluster', {
      vpc,
      containerInsightsV2: ecs.ContainerInsights.ENABLED,
      defaultCloudMapNamespace: { name: `${app.stage}.${app.name}.internal`, vpc },
    });
    const alb = new elbv2.ApplicationLoadBalancer(stack, 'Alb', {
      vpc,
      internetFacing: false,
      vpcSubnets: privateSubnets,
      securityGroup: securityGroups.alb,
    });
    const listener = alb.addListener('Http', {
      port: 80,
      open: false,
      defaultAction: elbv2.ListenerAction.fixedResponse(404, {
        contentType: 'application/problem+json',
        messageBody: JSON.stringify({ type: 'about:blank', title: 'Not Found', status: 404 }),
      }),
    });
    fargate = { cluster, listener };
    return fargate;
  };

  const fargateService = (name: DomainServiceName, entry: ServiceEntry, priority: number) => {
    const { cluster, listener } = fargateInfrastructure();
    const id = pascal(name);
    const task = new ecs.FargateTaskDefinition(stack, `${id}Task`, {
      cpu: settings.fargate.cpu,
      memoryLimitMiB: entry.memoryMb,
      runtimePlatform: {
        cpuArchitecture: ecs.CpuArchitecture.X86_64,
        operatingSystemFamily: ecs.OperatingSystemFamily.LINUX,
      },
    });
    const repository = ecr.Repository.fromRepositoryName(stack, `${id}Repository`, `${app.name}/${name}`);
    task.addContainer('app', {
      image: ecs.ContainerImage.fromEcrRepository(repository, process.env.KONECTA_IMAGE_TAG || 'latest'),
      portMappings: [{ containerPort: entry.port }],
      environment: { ...environmentFor(name, 'fargate'), PORT: String(entry.port), HOST: '0.0.0.0' },
      logging: ecs.LogDrivers.awsLogs({
        streamPrefix: name,
        logRetention: settings.production ? logs.RetentionDays.ONE_YEAR : logs.RetentionDays.TWO_WEEKS,
      }),
      healthCheck: {
        command: [
          'CMD',
          'node',
          '-e',
          `fetch('http://127.0.0.1:${entry.port}/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))`,
        ],
        interval: Duration.seconds(15),
        timeout: Duration.seconds(5),
        retries: 3,
        startPeriod: Duration.seconds(20),
      },
      stopTimeout: Duration.seconds(30),
    });
    grant(task.taskRole, name);
    const service = new ecs.FargateService(stack, `${id}Service`, {
      cluster,
      taskDefinition: task,
      desiredCount: settings.fargate.minTasks,
      securityGroups: [securityGroups.tasks],
      vpcSubnets: privateSubnets,
      assignPublicIp: false,
      cloudMapOptions: { name },
      circuitBreaker: { rollback: true },
      minHealthyPercent: 100,
      healthCheckGracePeriod: Duration.seconds(30),
    });
    service.node.addDependency(migrations);
    service
      .autoScaleTaskCount({ minCapacity: settings.fargate.minTasks, maxCapacity: settings.fargate.maxTasks })
      .scaleOnCpuUtilization('Cpu', { targetUtilizationPercent: 60 });
    listener.addTargets(`${id}Targets`, {
      priority,
      conditions: [elbv2.ListenerCondition.pathPatterns([entry.prefix, `${entry.prefix}/*`])],
      port: entry.port,
      protocol: elbv2.ApplicationProtocol.HTTP,
      targets: [service],
      healthCheck: { path: `${entry.prefix}/health`, healthyHttpCodes: '200', interval: Duration.seconds(15) },
      deregistrationDelay: Duration.seconds(30),
    });
    const route = { type: 'alb' as const, cdk: { albListener: listener } };
    api.addRoutes(stack, { [`ANY ${entry.prefix}/{proxy+}`]: route, [`ANY ${entry.prefix}`]: route });
    return service;
  };

  domainServices.forEach((name, index) => {
    const entry = catalogue[name];
    const id = pascal(name);
    // A service on Lambda has its HTTP API functions in a stack of its own (ServiceApi.ts).
    if (runtimes[name] === 'fargate') fargateService(name, entry, index + 1);

    // Events and jobs run as Lambdas whatever runtime serves the service's HTTP API.
    if (entry.consumes.length) {
      if (entry.consumes.some((type) => type.includes('*'))) {
        throw new Error(`${name}: EventBridge rules here take exact event types, not patterns`);
      }
      const consumer = lambda(`${id}Consumer`, name, {
        handler: `packages/${name}/src/consumer.handler`,
        description: `Konecta ERP: ${entry.title} event consumer`,
        memorySize: entry.memoryMb,
        timeout: 60,
      });
      consumer.node.addDependency(migrations);
      bus.addRules(stack, {
        [`${id}Events`]: {
          pattern: { source: entry.consumes.map((t) => `konecta.${t.split('.')[0]}`), detailType: [...entry.consumes] },
          targets: { consumer },
        },
      });
    }
    for (const [job, schedule] of Object.entries(entry.schedules)) {
      const jobId = `${id}${pascal(job)}`;
      const cron = new Cron(stack, jobId, {
        schedule: schedule as `rate(${string})` | `cron(${string})`,
        job: {
          function: {
            handler: `packages/${name}/src/scheduled.${job}`,
            description: `Konecta ERP: ${entry.title} job ${job} (${schedule})`,
            memorySize: entry.memoryMb,
            timeout: '5 minutes',
            environment: environmentFor(name, 'lambda'),
          },
        },
      });
      grant(cron.jobFunction, name);
    }
  });

  // Delivers outbox events that an interrupted instance committed but did not send.
  const relay = new Cron(stack, 'OutboxRelay', {
    schedule: 'rate(1 minute)',
    job: {
      function: {
        handler: 'packages/core/src/handlers/outbox-relay.handler',
        description: 'Konecta ERP: outbox relay to EventBridge',
        timeout: 60,
        environment: environmentFor('relay', 'lambda'),
      },
    },
  });
  grant(relay.jobFunction, 'relay');

  stack.addOutputs({ ApiUrl: api.url, EventBus: bus.eventBusName });
  return { api, bus, runtimes, fargate, functionDefaults, lambda, migrations };
}
