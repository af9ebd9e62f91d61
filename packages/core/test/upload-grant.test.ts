/**
 * Direct uploads: the SigV4 signing against AWS's published examples, the S3 POST policy's
 * conditions, and the local stores' HMAC upload tokens (tampered, expired).
 */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  grantUpload,
  localUploadGrant,
  memoryFileStore,
  presignS3Post,
  s3FileStore,
  signLocalUpload,
  signPostPolicy,
  sigV4SigningKey,
  verifyLocalUpload,
} from '../src';

describe('SigV4 signing (known answers)', () => {
  it('AWS general reference, "Calculate the signature" (IAM ListUsers, 2015-08-30)', () => {
    const key = sigV4SigningKey('wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', '20150830', 'us-east-1', 'iam');
    const stringToSign = [
      'AWS4-HMAC-SHA256',
      '20150830T123600Z',
      '20150830/us-east-1/iam/aws4_request',
      'f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59',
    ].join('\n');
    expect(createHmac('sha256', key).update(stringToSign).digest('hex')).toBe(
      '5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7',
    );
  });

  it('AWS general reference, "Deriving the signing key" (2012-02-15, iam)', () => {
    expect(
      sigV4SigningKey('wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', '20120215', 'us-east-1', 'iam').toString('hex'),
    ).toBe('f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d');
  });

  it('a POST policy is signed as the string to sign with the s3 signing key', () => {
    const key = sigV4SigningKey('secret', '20261130', 'eu-west-1', 's3');
    const policy = Buffer.from('{"expiration":"x","conditions":[]}').toString('base64');
    expect(signPostPolicy(policy, { secretAccessKey: 'secret' }, '20261130', 'eu-west-1')).toBe(
      createHmac('sha256', key).update(policy).digest('hex'),
    );
  });
});

describe('an S3 presigned POST', () => {
  const grant = presignS3Post({
    bucket: 'konecta-files',
    region: 'eu-west-1',
    key: 'expenses/c1/incoming/u1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret', sessionToken: 'session' },
    options: {
      maxBytes: 5 * 1024 * 1024,
      contentTypes: ['application/pdf', 'image/jpeg', 'image/png'],
      expiresInSeconds: 300,
      now: new Date('2026-11-30T18:00:00Z'),
    },
  });
  const policy = JSON.parse(Buffer.from(grant.fields.policy ?? '', 'base64').toString('utf8'));

  it('names the exact key, a size range, the expiry, the credential scope and the session token', () => {
    expect(grant.url).toBe('https://konecta-files.s3.eu-west-1.amazonaws.com/');
    expect(grant.fields).toMatchObject({
      key: 'expenses/c1/incoming/u1',
      'x-amz-algorithm': 'AWS4-HMAC-SHA256',
      'x-amz-credential': 'AKIDEXAMPLE/20261130/eu-west-1/s3/aws4_request',
      'x-amz-date': '20261130T180000Z',
      'x-amz-security-token': 'session',
    });
    expect(policy.expiration).toBe('2026-11-30T18:05:00.000Z');
    expect(policy.conditions).toContainEqual({ key: 'expenses/c1/incoming/u1' });
    expect(policy.conditions).toContainEqual({ bucket: 'konecta-files' });
    expect(policy.conditions).toContainEqual(['content-length-range', 1, 5 * 1024 * 1024]);
    expect(policy.conditions).toContainEqual({ 'x-amz-security-token': 'session' });
    expect(policy.conditions).toContainEqual(['starts-with', '$Content-Type', '']);
  });

  it('with a declared type, the Content-Type must be exactly it (and one of the allowed)', () => {
    const base = {
      bucket: 'b',
      region: 'eu-west-1',
      key: 'k/1',
      credentials: { accessKeyId: 'A', secretAccessKey: 's' },
    };
    const opts = { maxBytes: 10, contentTypes: ['image/png', 'application/pdf'], expiresInSeconds: 60 };
    const typed = presignS3Post({ ...base, options: { ...opts, contentType: 'image/png' } });
    expect(typed.fields['Content-Type']).toBe('image/png');
    expect(typed.fields['x-amz-security-token']).toBeUndefined();
    const conditions = JSON.parse(Buffer.from(typed.fields.policy ?? '', 'base64').toString('utf8')).conditions;
    expect(conditions).toContainEqual({ 'Content-Type': 'image/png' });
    expect(() => presignS3Post({ ...base, options: { ...opts, contentType: 'text/html' } })).toThrow(/allowed/);
  });

  it('is signed over the base64 policy', () => {
    expect(grant.fields['x-amz-signature']).toBe(
      signPostPolicy(grant.fields.policy ?? '', { secretAccessKey: 'secret' }, '20261130', 'eu-west-1'),
    );
  });
});

describe('local upload tokens', () => {
  const options = { maxBytes: 100, contentTypes: ['image/png'], expiresInSeconds: 300 };
  it('carry the key, limit, types and expiry, and verify', () => {
    const grant = localUploadGrant('expenses/c1/incoming/u1', {
      ...options,
      localUrl: '/api/finance/uploads/receipts',
    });
    expect(grant.url).toBe('/api/finance/uploads/receipts');
    expect(verifyLocalUpload(grant.fields.token ?? '')).toMatchObject({
      key: 'expenses/c1/incoming/u1',
      maxBytes: 100,
      contentTypes: ['image/png'],
    });
  });
  it('a tampered token is refused (403)', () => {
    const token = signLocalUpload({ key: 'a/b', maxBytes: 100, contentTypes: ['image/png'], exp: 4_000_000_000 });
    const [, mac] = token.split('.');
    const forged = `${Buffer.from(JSON.stringify({ key: 'a/b', maxBytes: 1e9, contentTypes: ['image/png'], exp: 4_000_000_000 })).toString('base64url')}.${mac}`;
    expect(() => verifyLocalUpload(forged)).toThrow(expect.objectContaining({ status: 403 }));
    expect(() => verifyLocalUpload('garbage')).toThrow(expect.objectContaining({ status: 403 }));
  });
  it('an expired token is refused (403)', () => {
    const token = signLocalUpload({ key: 'a/b', maxBytes: 100, contentTypes: ['image/png'], exp: 1_000 });
    expect(() => verifyLocalUpload(token, new Date(1_001_000))).toThrow(/expired/);
  });
  it('the memory store grants for a valid key only; an S3 store presigns with the environment’s credentials', async () => {
    const store = memoryFileStore();
    await expect(grantUpload(store, '../x', options)).rejects.toThrow(/Not a file key/);
    expect((await grantUpload(store, 'a/b', options)).fields.token).toBeTruthy();
    const env = { ...process.env };
    Object.assign(process.env, {
      AWS_ACCESS_KEY_ID: 'AKID',
      AWS_SECRET_ACCESS_KEY: 's',
      AWS_SESSION_TOKEN: 't',
      AWS_REGION: 'eu-west-1',
    });
    try {
      const grant = await grantUpload(s3FileStore('bkt', 'pre/'), 'a/b', options);
      expect(grant).toMatchObject({ url: 'https://bkt.s3.eu-west-1.amazonaws.com/', key: 'a/b' });
      expect(grant.fields).toMatchObject({ key: 'pre/a/b', 'x-amz-security-token': 't' });
    } finally {
      process.env = env;
    }
  });
});
