import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogue, domainServices, isPathPattern } from '../packages/core/src/catalogue';
import { migrationsVersion } from './Services';
import { admitsPort, ingressRules, props, refText, type Synthesized, synthForTest } from './test-support';
import { SPA_ROUTING_CODE } from './Web';
import { API_URL_TOKEN } from './web-site';

/** The dev stage, synthesized offline once, checked against the seed's architecture. */
let app: Synthesized;
beforeAll(async () => {
  app = await synthForTest('dev');
}, 600_000); // the first synthesis of a run builds every function (over forty), minutes on a busy machine
afterAll(() => app?.cleanup());

/** `hr` → `Hr`, `employee-files` → `EmployeeFiles` (construct ids). */
const pascal = (name: string) =>
  name
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');

const lambdaFor = (handler: string, index?: number) => {
  if (index === undefined) return app.one('AWS::Lambda::Function', (f) => props(f).Handler === handler);
  const found = app.resources('AWS::Lambda::Function').filter((f) => props(f).Handler === handler)[index];
  if (!found) throw new Error(`no function ${handler}`);
  return found;
};

/** Text only exceljs's code holds (the workbook part it writes), and likewise pdf-lib's. */
const EXCELJS_MARK = 'xl/workbook.xml';
const PDF_LIB_MARK = 'PDFDocument';

/**
 * The chunk of a built function (beside its handler file) that holds a library, found by `mark`,
 * as a path inside the function's folder; undefined when the function has none.
 */
function libraryChunk(handlerFile: string, mark: string): { dir: string; chunk: string } | undefined {
  const artifacts = join(app.sstDir, 'artifacts');
  const dir = readdirSync(artifacts).find((d) => existsSync(join(artifacts, d, handlerFile)));
  if (!dir) throw new Error(`no built function has ${handlerFile}`);
  const folder = dirname(handlerFile);
  const chunk = readdirSync(join(artifacts, dir, folder)).find(
    (f) =>
      f.endsWith('.mjs') &&
      f !== basename(handlerFile) &&
      readFileSync(join(artifacts, dir, folder, f), 'utf8').includes(mark),
  );
  return chunk ? { dir: join(artifacts, dir), chunk: `${folder}/${chunk}` } : undefined;
}

/**
 * The secrets a function's role may read (GetSecretValue), by logical id without CDK's hash
 * suffix (`ServiceClientHr`).
 */
function secretsReadableBy(fn: Record<string, any>): string[] {
  const role = fn.Role?.['Fn::GetAtt']?.[0] as string;
  const statements = app
    .resources('AWS::IAM::Policy')
    .filter((p) => refText(props(p).Roles).includes(`"${role}"`))
    .flatMap((p) => props(p).PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[]);
  const reads = statements.filter((s) => [s.Action].flat().includes('secretsmanager:GetSecretValue'));
  const ids = app.resources('AWS::SecretsManager::Secret').map((s) => s.id);
  return ids
    .filter((id) => reads.some((s) => refText(s.Resource).includes(id)))
    .map((id) => id.replace(/[0-9A-F]{8}$/, ''));
}

describe('sst.config.ts', () => {
  it("builds with SST's own config loader: app konecta-erp in us-east-1, stacks from stacks/index.ts", async () => {
    const { load } = await import('sst/stacks/build.js');
    const [metafile, config] = await load(join(import.meta.dirname, '..', 'sst.config.ts'));
    expect(config.config({})).toEqual({ name: 'konecta-erp', region: 'us-east-1' });
    expect(Object.keys(metafile.inputs)).toContain('stacks/index.ts');
  });
});

describe('dev stage: network', () => {
  it('writes one template per concern, and one per service for its API functions', () => {
    expect(Object.keys(app.templates).sort()).toEqual(
      [
        'Database',
        'Network',
        'Secrets',
        'Services',
        'Web',
        ...domainServices.map((name) => `${pascal(name)}Api`),
      ].sort(),
    );
    for (const name of Object.keys(app.templates)) {
      expect(existsSync(join(app.outdir, `dev-konecta-erp-${name}.template.json`))).toBe(true);
    }
  });

  it("keeps every stack within CloudFormation's 500 resources, with room for its route groups to grow", () => {
    for (const [name, template] of Object.entries(app.templates))
      expect(Object.keys(template.Resources).length, name).toBeLessThanOrEqual(400);
  });

  it('is a 10.0.0.0/16 VPC with a public and a private subnet in each of two zones', () => {
    expect(props(app.one('AWS::EC2::VPC')).CidrBlock).toBe('10.0.0.0/16');
    const subnets = app.resources('AWS::EC2::Subnet').map(props);
    expect(subnets).toHaveLength(4);
    for (const zone of ['us-east-1a', 'us-east-1b']) {
      const inZone = subnets.filter((s) => s.AvailabilityZone === zone);
      expect(inZone.map((s) => Boolean(s.MapPublicIpOnLaunch)).sort()).toEqual([false, true]);
    }
    for (const s of subnets) expect(s.CidrBlock).toMatch(/^10\.0\.\d+\.0\/20$/);
  });

  it('has an internet gateway, one NAT gateway on dev, and endpoints for S3 and Secrets Manager', () => {
    app.one('AWS::EC2::InternetGateway');
    expect(app.resources('AWS::EC2::NatGateway')).toHaveLength(1);
    const endpoints = app.resources('AWS::EC2::VPCEndpoint').map((e) => refText(props(e).ServiceName));
    expect(endpoints.some((s) => s.includes('.s3'))).toBe(true);
    expect(endpoints.some((s) => s.includes('secretsmanager'))).toBe(true);
  });

  it('lets the ALB take 80 and 443 from the internet, and nothing else', () => {
    const rules = ingressRules(app).filter((r) => r.to.includes('AlbSecurityGroup'));
    expect(rules.map((r) => `${r.from}:${r.fromPort}`).sort()).toEqual(['0.0.0.0/0:443', '0.0.0.0/0:80']);
  });

  it('lets tasks take traffic only from the ALB, and Lambdas none at all', () => {
    const toTasks = ingressRules(app).filter((r) => r.to.includes('TasksSecurityGroup'));
    expect(toTasks.length).toBeGreaterThan(0);
    for (const rule of toTasks) expect(rule.from).toContain('AlbSecurityGroup');
    expect(ingressRules(app).filter((r) => r.to.includes('LambdaSecurityGroup'))).toEqual([]);
  });

  it('lets only compute (and the proxy, into the database) reach PostgreSQL on 5432', () => {
    const to5432 = ingressRules(app).filter((r) => admitsPort(r, 5432));
    expect(to5432.length).toBeGreaterThanOrEqual(5);
    for (const rule of to5432) {
      expect(rule.to).toMatch(/DatabaseSecurityGroup|ProxySecurityGroup/);
      expect(rule.from).toMatch(/TasksSecurityGroup|LambdaSecurityGroup|ProxySecurityGroup/);
      expect(rule.from.startsWith('{')).toBe(true); // a group reference, never an address range
    }
    for (const group of ['DatabaseSecurityGroup', 'ProxySecurityGroup']) {
      const sources = to5432.filter((r) => r.to.includes(group)).map((r) => r.from);
      expect(sources.some((s) => s.includes('TasksSecurityGroup'))).toBe(true);
      expect(sources.some((s) => s.includes('LambdaSecurityGroup'))).toBe(true);
    }
  });
});

describe('dev stage: database', () => {
  it('is an encrypted, backed-up PostgreSQL db.t3.micro in the private subnets, single-AZ on dev', () => {
    const db = props(app.one('AWS::RDS::DBInstance'));
    expect(db.Engine).toBe('postgres');
    expect(db.DBInstanceClass).toBe('db.t3.micro');
    expect(db.StorageEncrypted).toBe(true);
    expect(db.BackupRetentionPeriod).toBeGreaterThanOrEqual(1);
    expect(db.PubliclyAccessible).toBe(false);
    expect(db.MultiAZ).toBe(false);
    expect(db.DeletionProtection).toBe(false);
    expect(db.DBName).toBe('konecta');
    const subnetGroup = props(app.one('AWS::RDS::DBSubnetGroup'));
    expect(refText(subnetGroup.SubnetIds)).toContain('privateSubnet');
    expect(refText(subnetGroup.SubnetIds)).not.toContain('publicSubnet');
  });

  it('generates its credentials into Secrets Manager and puts RDS Proxy (TLS) in front', () => {
    const credentials = app
      .resources('AWS::SecretsManager::Secret')
      .filter((s) => refText(props(s).Name).includes('/database'));
    expect(credentials).toHaveLength(1);
    expect(props(credentials[0] as never).GenerateSecretString).toBeDefined();
    expect(props(credentials[0] as never).SecretString).toBeUndefined();
    const proxy = props(app.one('AWS::RDS::DBProxy'));
    expect(proxy.EngineFamily).toBe('POSTGRESQL');
    expect(proxy.RequireTLS).toBe(true);
    expect(refText(proxy.VpcSecurityGroupIds)).toContain('ProxySecurityGroup');
  });

  it('is destroyed with a dev stage', () => {
    expect(app.one('AWS::RDS::DBInstance').DeletionPolicy).toBe('Delete');
  });
});

describe('dev stage: services', () => {
  it('runs every domain service as one Lambda: nodejs22.x, x86_64, private subnets, Lambda group', () => {
    for (const name of domainServices) {
      const fn = props(lambdaFor(`packages/${name}/src/lambda.handler`));
      expect(fn.Runtime).toBe('nodejs22.x');
      expect(fn.Architectures).toEqual(['x86_64']);
      expect(fn.MemorySize).toBe(catalogue[name].memoryMb);
      expect(fn.Timeout).toBe(catalogue[name].timeoutSeconds);
      expect(refText(fn.VpcConfig.SubnetIds)).toContain('privateSubnet1');
      expect(refText(fn.VpcConfig.SubnetIds)).toContain('privateSubnet2');
      expect(refText(fn.VpcConfig.SubnetIds)).not.toContain('public');
      expect(refText(fn.VpcConfig.SecurityGroupIds)).toContain('LambdaSecurityGroup');
      // Through the proxy, with secrets read at cold start from their ARNs.
      expect(refText(fn.Environment.Variables.DATABASE_HOST)).toContain('Proxy');
      expect(refText(fn.Environment.Variables.DATABASE_SECRET_ARN)).toContain('Secret');
      expect(fn.Environment.Variables.KONECTA_STAGE).toBe('dev');
    }
    expect(app.resources('AWS::ECS::Service')).toEqual([]);
    expect(app.resources('AWS::ElasticLoadBalancingV2::LoadBalancer')).toEqual([]);
  });

  it('routes /api/{service} and /api/{service}/{proxy+} of every service, and its route groups to their functions', () => {
    const routes = app.resources('AWS::ApiGatewayV2::Route').map(props);
    const integrations = app.resources('AWS::ApiGatewayV2::Integration');
    // Route → its integration (`integrations/<Ref>`) → the function it invokes.
    const integrationOf = (key: string) => {
      const target = refText(routes.find((r) => r.RouteKey === key)?.Target);
      const integration = integrations.find((i) => target.includes(`"${i.id}"`));
      return integration ? refText(props(integration).IntegrationUri) : `no integration for ${key}`;
    };
    let expected = 0;
    for (const name of domainServices) {
      const main = integrationOf(`ANY /api/${name}/{proxy+}`);
      expect(main).toContain(`${pascal(name)}Api`);
      expect(integrationOf(`ANY /api/${name}`)).toBe(main);
      expected += 2;
      for (const [group, prefixes] of Object.entries(catalogue[name].functions)) {
        lambdaFor(`packages/${name}/src/functions/${group}.handler`);
        for (const p of prefixes) {
          const target = integrationOf(`ANY /api/${name}${p}`);
          expect(target).toContain(`${pascal(name)}${pascal(group)}Api`);
          if (isPathPattern(p)) {
            // One route for a path pattern, none below it.
            expect(routes.some((r) => r.RouteKey === `ANY /api/${name}${p}/{proxy+}`)).toBe(false);
            expected += 1;
            continue;
          }
          expect(integrationOf(`ANY /api/${name}${p}/{proxy+}`)).toBe(target);
          expected += 2;
        }
      }
    }
    expect(routes).toHaveLength(expected);
  });

  it('never puts a secret value in an environment variable', () => {
    const envs = app.resources('AWS::Lambda::Function').map((f) => props(f).Environment?.Variables ?? {});
    expect(envs.length).toBeGreaterThan(domainServices.length);
    for (const variables of envs) {
      for (const [name, value] of Object.entries(variables as Record<string, unknown>)) {
        expect(name).not.toMatch(/PASSWORD|DATABASE_URL|PRIVATE|TOKEN$/);
        if (/SECRET_PREFIX$/.test(name)) {
          expect(value).toBe('dev/konecta-erp/service-clients/'); // where secrets are, by name
        } else if (/SECRET/.test(name)) {
          expect(name).toMatch(/_SECRET_ARN$/);
          expect(typeof value).toBe('object'); // a reference to the secret, resolved by CloudFormation
        }
      }
    }
    for (const secret of app.resources('AWS::SecretsManager::Secret')) {
      const value = props(secret).SecretString;
      // The only literal is the signing-key secret's initial empty key list.
      if (value !== undefined) expect(value).toBe('[]');
    }
  });

  it('generates a client secret per domain service, which only that service and the migration step may read', () => {
    const secrets = app
      .resources('AWS::SecretsManager::Secret')
      .filter((s) => refText(props(s).Name).includes('/service-clients/'));
    expect(secrets.map((s) => props(s).Name).sort()).toEqual(
      domainServices.map((name) => `dev/konecta-erp/service-clients/${name}`).sort(),
    );
    for (const secret of secrets) {
      expect(props(secret).GenerateSecretString).toMatchObject({ PasswordLength: 64, ExcludePunctuation: true });
      expect(props(secret).SecretString).toBeUndefined();
    }
    const idOf = (name: string) => `ServiceClient${name.charAt(0).toUpperCase()}${name.slice(1)}`;
    for (const name of domainServices) {
      const fn = props(lambdaFor(`packages/${name}/src/lambda.handler`));
      expect(fn.Environment.Variables.SERVICE_CLIENT_SECRET_PREFIX).toBe('dev/konecta-erp/service-clients/');
      expect(refText(fn.Environment.Variables.API_URL)).toContain('Api');
      const readable = secretsReadableBy(fn);
      expect(readable.filter((id) => id.includes('ServiceClient'))).toEqual([idOf(name)]);
    }
    const migration = props(lambdaFor('packages/local/src/deploy-migration.handler', 0));
    expect(
      secretsReadableBy(migration)
        .filter((id) => id.includes('ServiceClient'))
        .sort(),
    ).toEqual(domainServices.map(idOf).sort());
  });

  it('keeps files in a private, encrypted bucket that only finance may read and write', () => {
    const bucket = app.one('AWS::S3::Bucket', (b) => b.id.startsWith('Files'));
    expect(props(bucket).PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(props(bucket).BucketEncryption.ServerSideEncryptionConfiguration[0]).toMatchObject({
      ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' },
    });
    // Browsers POST receipts to it directly (presigned POST): CORS for POST only.
    expect(props(bucket).CorsConfiguration.CorsRules).toEqual([
      { AllowedMethods: ['POST'], AllowedOrigins: ['*'], AllowedHeaders: ['*'], MaxAge: 3000 },
    ]);
    const writers = (fn: Record<string, any>) => {
      const role = fn.Role?.['Fn::GetAtt']?.[0] as string;
      return app
        .resources('AWS::IAM::Policy')
        .filter((p) => refText(props(p).Roles).includes(`"${role}"`))
        .flatMap((p) => props(p).PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[])
        .some((st) => [st.Action].flat().includes('s3:PutObject') && refText(st.Resource).includes(bucket.id));
    };
    for (const name of domainServices) {
      const fn = props(lambdaFor(`packages/${name}/src/lambda.handler`));
      expect(writers(fn), name).toBe(name === 'finance');
      expect(fn.Environment.Variables.FILES_BUCKET !== undefined, name).toBe(name === 'finance');
    }
  });

  it('sends each consumed event type to its service, and schedules the jobs and the outbox relay', () => {
    const rules = app.resources('AWS::Events::Rule').map(props);
    for (const name of domainServices) {
      const consumes = catalogue[name].consumes;
      if (!consumes.length) continue;
      const rule = rules.find((r) =>
        refText(r.Targets).includes(`${name.charAt(0).toUpperCase()}${name.slice(1)}Consumer`),
      );
      expect(rule?.EventPattern['detail-type']).toEqual(consumes);
      expect(refText(rule?.EventBusName)).toContain('Bus');
    }
    const schedules = rules.map((r) => r.ScheduleExpression).filter(Boolean);
    expect(schedules.sort()).toEqual([
      'cron(15 0 * * ? *)',
      'cron(30 0 * * ? *)',
      'rate(1 hour)',
      'rate(1 minute)',
      'rate(1 minute)',
      'rate(7 days)',
    ]);
    lambdaFor('packages/hr/src/scheduled.leaveAccrual');
    lambdaFor('packages/hr/src/scheduled.scheduledExits');
    lambdaFor('packages/auth/src/scheduled.rotateSigningKeys');
    lambdaFor('packages/auth/src/scheduled.sendPendingMail');
    lambdaFor('packages/finance/src/scheduled.expireUploads');
    lambdaFor('packages/core/src/handlers/outbox-relay.handler');
  });

  it('migrates on deploy inside the VPC, and only reruns when the migrations change', () => {
    const script = app.one('Custom::SSTScript');
    expect(props(script).Version).toBe(migrationsVersion(join(import.meta.dirname, '..')));
    const steps = app
      .resources('AWS::Lambda::Function')
      .filter((f) => props(f).Handler === 'packages/local/src/deploy-migration.handler');
    expect(steps).toHaveLength(2); // on create, on update
    for (const step of steps) expect(refText(props(step).VpcConfig.SecurityGroupIds)).toContain('LambdaSecurityGroup');
  });

  it('ships the argon2 linux-x64 binary beside the auth bundle; exceljs and pdf-lib are bundled, in chunks of the functions that make files only', () => {
    const artifacts = join(app.sstDir, 'artifacts');
    const has = (handlerFile: string, pkg: string) =>
      readdirSync(artifacts).some(
        (d) =>
          existsSync(join(artifacts, d, handlerFile)) &&
          existsSync(join(artifacts, d, 'node_modules', pkg, 'package.json')),
      );
    expect(has('packages/auth/src/lambda.mjs', '@node-rs/argon2-linux-x64-gnu')).toBe(true);
    // No function ships a document library's installed tree (exceljs alone is 24 MB).
    for (const d of readdirSync(artifacts)) {
      expect(existsSync(join(artifacts, d, 'node_modules', 'exceljs')), d).toBe(false);
      expect(existsSync(join(artifacts, d, 'node_modules', 'pdf-lib')), d).toBe(false);
    }
    const xlsx = (fn: string) => libraryChunk(`packages/${fn}.mjs`, EXCELJS_MARK);
    const pdf = (fn: string) => libraryChunk(`packages/${fn}.mjs`, PDF_LIB_MARK);
    for (const fn of ['hr/src/functions/employee-files', 'hr/src/functions/leave', 'hr/src/functions/attendance'])
      expect(xlsx(fn), fn).toBeDefined();
    expect(pdf('hr/src/functions/training')).toBeDefined(); // certificates
    expect(xlsx('finance/src/functions/reports')).toBeDefined(); // statements as XLSX
    expect(pdf('finance/src/functions/reports')).toBeDefined(); // and as PDF
    expect(pdf('finance/src/functions/invoices')).toBeDefined(); // invoice PDFs
    expect(xlsx('finance/src/functions/expense-imports')).toBeDefined(); // department expenses read from XLSX
    // The API paths that make no file carry neither library.
    for (const fn of [
      'hr/src/lambda',
      'hr/src/functions/employees',
      'operation/src/lambda',
      'finance/src/lambda',
      'finance/src/functions/ledger',
      'finance/src/functions/expenses',
    ]) {
      expect(xlsx(fn), fn).toBeUndefined();
      expect(pdf(fn), fn).toBeUndefined();
    }
    // HR's event consumer and leave job carry neither the routes nor the file libraries.
    expect(xlsx('hr/src/consumer')).toBeUndefined();
    expect(pdf('hr/src/scheduled')).toBeUndefined();
  });

  it("serves each service's OpenAPI document from the file made at build time, beside its lambda.ts", () => {
    const artifacts = join(app.sstDir, 'artifacts');
    for (const name of domainServices) {
      const dir = readdirSync(artifacts).find((d) => existsSync(join(artifacts, d, `packages/${name}/src/lambda.mjs`)));
      if (!dir) throw new Error(`no built lambda.ts for ${name}`);
      const document = JSON.parse(readFileSync(join(artifacts, dir, 'openapi.json'), 'utf8'));
      expect(document.openapi).toMatch(/^3\./);
      // The whole service's routes, whichever function serves them (health also at the root).
      const paths = Object.keys(document.paths).filter((p) => !['/health', '/ready'].includes(p));
      expect(paths.every((p) => p.startsWith(`/api/${name}/`))).toBe(true);
      for (const prefixes of Object.values(catalogue[name].functions))
        for (const p of prefixes)
          expect(
            paths.some((path) => path.startsWith(`/api/${name}${p}`)),
            p,
          ).toBe(true);
    }
  });
});

describe('dev stage: function sizes', () => {
  /** Files under `dir` (symbolic links followed, as the asset zip does). */
  const filesUnder = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const path = join(dir, e.name);
      return statSync(path).isDirectory() ? filesUnder(path) : [path];
    });
  /** The asset zip's size: each file deflated (as CDK zips it) plus its local and central headers. */
  const zipBytes = (dir: string) =>
    filesUnder(dir).reduce(
      (sum, f) => sum + deflateRawSync(readFileSync(f)).length + 2 * (46 + f.length - dir.length),
      22,
    );

  it('every deployed function zips to at most 5 MB (document libraries only beside the functions that make files)', () => {
    const artifacts = join(app.sstDir, 'artifacts');
    const built = readdirSync(artifacts).filter((d) => statSync(join(artifacts, d)).isDirectory());
    expect(built.length).toBeGreaterThanOrEqual(app.resources('AWS::Lambda::Function').length / 2);
    const sizes = built.map((d) => ({ fn: d, mb: zipBytes(join(artifacts, d)) / 1024 / 1024 }));
    for (const { fn, mb } of sizes) expect(mb, `${fn}: ${mb.toFixed(2)} MB zipped`).toBeLessThanOrEqual(5);
  }, 180_000);
});

describe('dev stage: the built functions', () => {
  const root = join(import.meta.dirname, '..');
  const artifactWith = (handlerFile: string) => {
    const artifacts = join(app.sstDir, 'artifacts');
    const dir = readdirSync(artifacts).find((d) => existsSync(join(artifacts, d, handlerFile)));
    if (!dir) throw new Error(`no built function has ${handlerFile}`);
    return join(artifacts, dir);
  };

  /**
   * Copies a built function outside the repository (so nothing resolves from its node_modules),
   * links the AWS SDK in as the Lambda runtime provides it, and runs `probe` there.
   */
  const runOutside = (service: string, probe: string, handlerFile = `packages/${service}/src/lambda.mjs`) => {
    const dir = mkdtempSync(join(tmpdir(), `konecta-lambda-${service}-`));
    try {
      cpSync(artifactWith(handlerFile), dir, { recursive: true });
      mkdirSync(join(dir, 'node_modules'), { recursive: true });
      symlinkSync(join(root, 'node_modules', '@aws-sdk'), join(dir, 'node_modules', '@aws-sdk'));
      const health = readFileSync(join(root, 'packages/core/test/fixtures/apigw-v2/health.json'), 'utf8');
      writeFileSync(join(dir, 'event.json'), health.replaceAll('/api/hr/', `/api/${service}/`));
      writeFileSync(join(dir, 'probe.mjs'), probe);
      const out = execFileSync(process.execPath, ['probe.mjs'], {
        cwd: dir,
        encoding: 'utf8',
        // A deadline for a probe that hangs; a cold start on a loaded machine takes seconds.
        timeout: 120_000,
        env: {
          PATH: process.env.PATH,
          KONECTA_STAGE: 'dev',
          LOG_LEVEL: 'silent',
          DATABASE_URL: 'postgres://konecta@127.0.0.1:9/unused',
          AUTH_JWKS_URL: 'https://api.example/api/auth/.well-known/jwks.json',
          EVENT_BUS_NAME: 'dev-konecta-erp',
          AUTH_SIGNING_KEYS_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:unused',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      return JSON.parse(out.trim().split('\n').at(-1) as string);
    } catch (err) {
      // The message would quote the minified bundle: keep the error lines only.
      const stderr = String((err as { stderr?: unknown }).stderr ?? err);
      throw new Error(
        stderr
          .split('\n')
          .filter((l) => l.length < 300)
          .slice(-15)
          .join('\n'),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  const callHealth = (service: string, handlerFile = `packages/${service}/src/lambda.mjs`) => `
    import { readFileSync } from 'node:fs';
    const { handler } = await import('./${handlerFile}');
    const res = await handler(JSON.parse(readFileSync('event.json', 'utf8')), {});
    const health = { status: res.statusCode, body: JSON.parse(res.body) };`;

  it('auth answers /health through its API Gateway handler, and hashes with the shipped argon2', () => {
    const result = runOutside(
      'auth',
      `${callHealth('auth')}
      const { hash } = await import('@node-rs/argon2');
      console.log(JSON.stringify({ health, hash: (await hash('Konecta#2026')).slice(0, 10) }));`,
    );
    expect(result.health.status).toBe(200);
    expect(result.health.body.service).toBe('auth');
    expect(result.hash).toBe('$argon2id$');
  });

  it('finance answers /api/finance/openapi.json with the file beside its code', () => {
    const result = runOutside(
      'finance',
      `import { readFileSync, writeFileSync } from 'node:fs';
      const document = JSON.parse(readFileSync('openapi.json', 'utf8'));
      writeFileSync('openapi.json', JSON.stringify({ ...document, info: { ...document.info, title: 'read from the file' } }));
      process.env.LAMBDA_TASK_ROOT = process.cwd();
      const { handler } = await import('./packages/finance/src/lambda.mjs');
      const event = JSON.parse(readFileSync('event.json', 'utf8').replaceAll('/api/finance/health', '/api/finance/openapi.json'));
      const res = await handler(event, {});
      const body = JSON.parse(res.body);
      console.log(JSON.stringify({ status: res.statusCode, title: body.info.title, paths: Object.keys(body.paths).length }));`,
    );
    expect(result.status).toBe(200);
    expect(result.title).toBe('read from the file');
    expect(result.paths).toBeGreaterThan(10);
  });

  it("HR's employee-files function answers /health and writes a workbook with its bundled exceljs; training's, a PDF with pdf-lib", () => {
    const files = 'packages/hr/src/functions/employee-files.mjs';
    const excel = libraryChunk(files, EXCELJS_MARK)?.chunk;
    const result = runOutside(
      'hr',
      `${callHealth('hr', files)}
      const { default: ExcelJS } = await import('./${excel}');
      const book = new ExcelJS.Workbook();
      book.addWorksheet('x').addRow(['ok']);
      const xlsx = Buffer.from(await book.xlsx.writeBuffer());
      console.log(JSON.stringify({ health, xlsx: xlsx.subarray(0, 2).toString() }));`,
      files,
    );
    expect(result.health.status).toBe(200);
    expect(result.health.body.service).toBe('hr');
    expect(result.xlsx).toBe('PK');
    const training = 'packages/hr/src/functions/training.mjs';
    const pdfLib = libraryChunk(training, PDF_LIB_MARK)?.chunk;
    const pdf = runOutside(
      'hr',
      `${callHealth('hr', training)}
      const { PDFDocument, StandardFonts } = await import('./${pdfLib}');
      const doc = await PDFDocument.create();
      doc.addPage().drawText('ok', { font: await doc.embedFont(StandardFonts.Helvetica) });
      const pdf = Buffer.from(await doc.save());
      console.log(JSON.stringify({ health, pdf: pdf.subarray(0, 5).toString() }));`,
      training,
    );
    expect(pdf.health.status).toBe(200);
    expect(pdf.pdf).toBe('%PDF-');
  });
});

describe('dev stage: web', () => {
  const distribution = () => props(app.one('AWS::CloudFront::Distribution')).DistributionConfig;

  it('serves the site from S3 and /api/* from the HTTP API through the same distribution', () => {
    const config = distribution();
    const s3 = config.Origins.find((o: any) => o.S3OriginConfig);
    const api = config.Origins.find((o: any) => o.CustomOriginConfig);
    expect(refText(s3.DomainName)).toContain('S3Bucket');
    expect(refText(api.DomainName)).toContain('ApiEndpoint');
    expect(api.CustomOriginConfig.OriginProtocolPolicy).toBe('https-only');
    expect(config.DefaultCacheBehavior.TargetOriginId).toBe(s3.Id);
    const behaviour = config.CacheBehaviors.find((b: any) => b.PathPattern === '/api/*');
    expect(behaviour.TargetOriginId).toBe(api.Id);
    expect(behaviour.AllowedMethods).toHaveLength(7);
  });

  it('sends deep links to index.html without turning API errors into HTML', () => {
    const config = distribution();
    expect(config.CustomErrorResponses ?? []).toEqual([]);
    expect(config.DefaultCacheBehavior.FunctionAssociations).toHaveLength(1);
    expect(config.CacheBehaviors[0].FunctionAssociations ?? []).toEqual([]);
    // The CloudFront function's own source, run as CloudFront would run it.
    const handler = new Function(`${SPA_ROUTING_CODE}; return handler;`)() as (e: unknown) => { uri: string };
    const route = (uri: string) => handler({ request: { uri } }).uri;
    expect(route('/hr/employees/42')).toBe('/index.html');
    expect(route('/')).toBe('/index.html');
    expect(route('/main-3F2A.js')).toBe('/main-3F2A.js');
    expect(route('/config.json')).toBe('/config.json');
  });

  it('hands the API URL to the SPA in a runtime config.json, not in the bundles', () => {
    const upload = props(app.one('Custom::S3Uploader'));
    const replace = upload.replaceValues.find((v: any) => v.files === 'config.json');
    expect(replace.search).toBe(API_URL_TOKEN);
    expect(refText(replace.replace)).toContain('ApiEndpoint');
    const config = JSON.parse(readFileSync(join(app.sstDir, 'site', 'dev', 'config.json'), 'utf8'));
    expect(config).toEqual({ apiBaseUrl: '', apiUrl: API_URL_TOKEN, stage: 'dev' });
  });
});
