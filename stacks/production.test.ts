import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { props, type Synthesized, synthForTest } from './test-support';

/** The production stage: the same system, kept and made highly available. */
let app: Synthesized;
beforeAll(async () => {
  app = await synthForTest('production', { KONECTA_ADMIN_EMAIL: 'owner@example.com' });
}, 600_000); // the first synthesis of a run builds every function (over forty), minutes on a busy machine
afterAll(() => app?.cleanup());

describe('production stage', () => {
  it('runs a NAT gateway in each availability zone', () => {
    expect(app.resources('AWS::EC2::NatGateway')).toHaveLength(2);
  });

  it('makes the database Multi-AZ, deletion-protected, retained and backed up for two weeks', () => {
    const db = app.one('AWS::RDS::DBInstance');
    expect(props(db).DBInstanceClass).toBe('db.t3.micro');
    expect(props(db).MultiAZ).toBe(true);
    expect(props(db).DeletionProtection).toBe(true);
    expect(props(db).StorageEncrypted).toBe(true);
    expect(props(db).BackupRetentionPeriod).toBe(14);
    expect(db.DeletionPolicy).toBe('Retain');
    expect(db.UpdateReplacePolicy).toBe('Retain');
  });

  it('retains every stateful resource: secrets, buckets, log groups', () => {
    for (const type of ['AWS::SecretsManager::Secret', 'AWS::S3::Bucket', 'AWS::Logs::LogGroup']) {
      const found = app.resources(type);
      expect(found.length, type).toBeGreaterThan(0);
      for (const r of found) expect(r.DeletionPolicy, `${type} ${r.id}`).toBe('Retain');
    }
  });

  it('keeps logs for a year', () => {
    const retentions = app
      .resources('Custom::LogRetention')
      .map((r) => props(r).RetentionInDays)
      .filter((d) => d !== undefined);
    expect(retentions.length).toBeGreaterThan(0);
    expect(new Set(retentions)).toEqual(new Set([365]));
  });

  it('invites the first admin given at deploy, and reruns the migration step when that changes', () => {
    const auth = app.one('AWS::Lambda::Function', (f) => props(f).Handler === 'packages/auth/src/lambda.handler');
    expect(props(auth).Environment.Variables.AUTH_BOOTSTRAP_ADMIN_EMAIL).toBe('owner@example.com');
    const parameter = app.one('AWS::SSM::Parameter', (p) => String(props(p).Name).endsWith('/bootstrap-admin-email'));
    expect(props(parameter).Value).toBe('owner@example.com');
  });
});
