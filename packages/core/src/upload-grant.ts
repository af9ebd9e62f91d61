import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { checkKey, type FileStore } from './files';
import { ProblemError } from './problem';

/**
 * A one-time permission to upload one file straight to storage: the browser sends a
 * multipart/form-data POST to `url` with `fields` first and the file last (as the field `file`),
 * so the bytes never pass through a function (Lambda's 6 MB payload limit, base64 bodies).
 */
export interface UploadGrant {
  url: string;
  method: 'POST';
  /** Form fields to send before the file, exactly as given. */
  fields: Record<string, string>;
  /** The key the file will be stored under (chosen by the server). */
  key: string;
  maxBytes: number;
  expiresAt: string;
}

export interface UploadGrantOptions {
  maxBytes: number;
  contentTypes: readonly string[];
  /** The one type the browser says it will send (one of `contentTypes`): an exact S3 condition. */
  contentType?: string;
  /** Seconds the grant stays valid (a few minutes). */
  expiresInSeconds: number;
  /** Where a local store's uploads are sent (a route of the service that granted them). */
  localUrl?: string;
  now?: Date;
}

const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

/** AWS Signature V4 signing key: HMAC chain over the date, region, service and `aws4_request`. */
export function sigV4SigningKey(secretAccessKey: string, date: string, region: string, service: string): Buffer {
  const kDate = hmac(`AWS4${secretAccessKey}`, date);
  const kRegion = hmac(kDate, region);
  const kService = hmac(kRegion, service);
  return hmac(kService, 'aws4_request');
}

/** The SigV4 signature of a POST policy (the base64 policy is the string to sign). */
export function signPostPolicy(
  policyBase64: string,
  credentials: { secretAccessKey: string },
  date: string,
  region: string,
): string {
  return createHmac('sha256', sigV4SigningKey(credentials.secretAccessKey, date, region, 's3'))
    .update(policyBase64, 'utf8')
    .digest('hex');
}

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** The function's credentials from the environment (Lambda and ECS tasks set them). */
export function credentialsFromEnv(env: Record<string, string | undefined> = process.env): AwsCredentials {
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) throw new Error('No AWS credentials in the environment to sign an upload.');
  return { accessKeyId, secretAccessKey, ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}) };
}

const amzDate = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/**
 * An S3 presigned POST for exactly `key`: the size range, one of the content types, server-side
 * encryption, and an expiry are conditions of a policy signed with SigV4.
 */
export function presignS3Post(input: {
  bucket: string;
  region: string;
  key: string;
  credentials: AwsCredentials;
  options: UploadGrantOptions;
}): UploadGrant {
  const { bucket, region, key, credentials, options } = input;
  const now = options.now ?? new Date();
  const expiresAt = new Date(now.getTime() + options.expiresInSeconds * 1000).toISOString();
  const xAmzDate = amzDate(now);
  const date = xAmzDate.slice(0, 8);
  const credential = `${credentials.accessKeyId}/${date}/${region}/s3/aws4_request`;
  if (options.contentType && !options.contentTypes.includes(options.contentType))
    throw new Error(`Not an allowed content type: ${options.contentType}`);
  const fields: Record<string, string> = {
    key,
    ...(options.contentType ? { 'Content-Type': options.contentType } : {}),
    'x-amz-server-side-encryption': 'AES256',
    'x-amz-algorithm': 'AWS4-HMAC-SHA256',
    'x-amz-credential': credential,
    'x-amz-date': xAmzDate,
    ...(credentials.sessionToken ? { 'x-amz-security-token': credentials.sessionToken } : {}),
  };
  const conditions: unknown[] = [
    { bucket },
    ...Object.entries(fields).map(([k, v]) => ({ [k]: v })),
    ['content-length-range', 1, options.maxBytes],
    // Without a declared type, the Content-Type field need only start like the allowed ones; either
    // way the type is judged again from the bytes when the upload is confirmed.
    ...(options.contentType ? [] : [['starts-with', '$Content-Type', commonPrefix(options.contentTypes)]]),
  ];
  const policy = Buffer.from(JSON.stringify({ expiration: expiresAt, conditions }), 'utf8').toString('base64');
  return {
    url: `https://${bucket}.s3.${region}.amazonaws.com/`,
    method: 'POST',
    fields: { ...fields, policy, 'x-amz-signature': signPostPolicy(policy, credentials, date, region) },
    key,
    maxBytes: options.maxBytes,
    expiresAt,
  };
}

function commonPrefix(values: readonly string[]): string {
  if (values.length === 0) return '';
  let prefix = values[0] ?? '';
  for (const v of values) while (!v.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}

/** The claims of a local upload token. */
export interface LocalUploadClaims {
  key: string;
  maxBytes: number;
  contentTypes: string[];
  /** Expiry, seconds since the epoch. */
  exp: number;
}

/** The secret of this process's local upload tokens (the granting service serves the uploads). */
const processSecret = randomBytes(32);

/** An HMAC token over the key, size limit, types and expiry: `<base64url claims>.<base64url mac>`. */
export function signLocalUpload(claims: LocalUploadClaims, secret: Buffer = processSecret): string {
  const body = Buffer.from(JSON.stringify(claims), 'utf8').toString('base64url');
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

/** The token's claims, or a 403 when it is tampered with or expired. */
export function verifyLocalUpload(
  token: string,
  now: Date = new Date(),
  secret: Buffer = processSecret,
): LocalUploadClaims {
  const [body, mac] = token.split('.');
  if (!body || !mac) throw new ProblemError(403, 'The upload permission is not valid.');
  const expected = createHmac('sha256', secret).update(body).digest();
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new ProblemError(403, 'The upload permission is not valid.');
  const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as LocalUploadClaims;
  if (claims.exp * 1000 <= now.getTime()) throw new ProblemError(403, 'The upload permission has expired.');
  return claims;
}

/** A grant for a local (folder or memory) store, served by the granting service at `localUrl`. */
export function localUploadGrant(key: string, options: UploadGrantOptions): UploadGrant {
  const now = options.now ?? new Date();
  const exp = Math.floor(now.getTime() / 1000) + options.expiresInSeconds;
  const token = signLocalUpload({ key, maxBytes: options.maxBytes, contentTypes: [...options.contentTypes], exp });
  return {
    url: options.localUrl ?? '/uploads',
    method: 'POST',
    fields: { token },
    key,
    maxBytes: options.maxBytes,
    expiresAt: new Date(exp * 1000).toISOString(),
  };
}

/**
 * The file-storage port's direct upload: a one-time permission for a browser to upload one file
 * under `key` (a presigned S3 POST when the store is a bucket, signed with the function's
 * credentials; locally a signed URL served by the granting service), size and types limited,
 * expiring. A function beside the port rather than a method of it, so bundles that never grant
 * an upload do not carry the signing.
 */
export async function grantUpload(store: FileStore, key: string, options: UploadGrantOptions): Promise<UploadGrant> {
  checkKey(key);
  if (store.location === 'local') return localUploadGrant(key, options);
  const { bucket, prefix } = store.location;
  const region = process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1';
  const grant = presignS3Post({ bucket, region, key: `${prefix}${key}`, credentials: credentialsFromEnv(), options });
  return { ...grant, key };
}
