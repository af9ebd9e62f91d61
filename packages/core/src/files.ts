import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { Config } from './config';
import { ProblemError, unprocessable } from './problem';

/**
 * The file-storage port: uploaded files (receipts, imports) and produced ones go through it. A
 * folder under `.data/files/` locally, a private S3 bucket when deployed (`FILES_BUCKET`). Keys are
 * chosen by the code (`expenses/<claim>/<uuid>`), never by a client, and the content type is
 * what the bytes are, not what the upload says.
 */
export interface FileStore {
  put(key: string, body: Uint8Array, contentType: string): Promise<void>;
  /** The stored bytes, or undefined when there is no such file. */
  get(key: string): Promise<{ body: Uint8Array; contentType: string } | undefined>;
  delete(key: string): Promise<void>;
  /** Where the files are: what `grantUpload` (upload-grant.ts) needs to grant a direct upload. */
  readonly location: { bucket: string; prefix: string } | 'local';
}

export type DetectedType = 'application/pdf' | 'image/jpeg' | 'image/png';

const startsWith = (data: Uint8Array, bytes: number[]) => bytes.every((b, i) => data[i] === b);

/** The content type from the first bytes (PDF, JPEG, PNG), or undefined for anything else. */
export function detectContentType(data: Uint8Array): DetectedType | undefined {
  if (startsWith(data, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'; // %PDF-
  if (startsWith(data, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(data, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  return undefined;
}

/**
 * Checks an upload against the allowed types and the size limit: 413 when too large, 422 naming
 * `field` when the bytes are not one of the allowed types (whatever the file's name or header says).
 */
export function checkUpload(
  data: Uint8Array,
  options: { field: string; maxBytes: number; allowed: readonly DetectedType[] },
): DetectedType {
  if (data.byteLength === 0) throw unprocessable('The file is empty.', [{ path: options.field, message: 'Empty.' }]);
  if (data.byteLength > options.maxBytes)
    throw new ProblemError(413, `The file is larger than ${Math.floor(options.maxBytes / (1024 * 1024))} MB.`);
  const type = detectContentType(data);
  if (!type || !options.allowed.includes(type)) {
    const names = options.allowed.map((t) => t.split('/')[1]?.toUpperCase()).join(', ');
    throw unprocessable(`The file is not a ${names} file.`, [
      { path: options.field, message: `Upload a ${names} file; the content decides, not the name.` },
    ]);
  }
  return type;
}

const KEY = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;

export function checkKey(key: string) {
  if (!KEY.test(key) || key.includes('..')) throw new Error(`Not a file key: ${JSON.stringify(key)}`);
}

/** Files in a folder (the content type kept beside each file as `<name>.type`). */
export function localFileStore(root: string): FileStore {
  const base = resolve(root);
  const pathOf = (key: string) => {
    checkKey(key);
    const path = resolve(join(base, key));
    if (!path.startsWith(base + sep)) throw new Error(`Not a file key: ${JSON.stringify(key)}`);
    return path;
  };
  return {
    async put(key, body, contentType) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, body);
      await writeFile(`${path}.type`, contentType);
    },
    async get(key) {
      const path = pathOf(key);
      try {
        const [body, contentType] = await Promise.all([readFile(path), readFile(`${path}.type`, 'utf8')]);
        return { body: new Uint8Array(body), contentType };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw err;
      }
    },
    async delete(key) {
      const path = pathOf(key);
      await rm(path, { force: true });
      await rm(`${path}.type`, { force: true });
    },
    location: 'local',
  };
}

/** Files kept in memory: for `KONECTA_DATA_DIR=memory` runs and tests. */
export function memoryFileStore(): FileStore {
  const files = new Map<string, { body: Uint8Array; contentType: string }>();
  return {
    async put(key, body, contentType) {
      checkKey(key);
      files.set(key, { body: body.slice(), contentType });
    },
    async get(key) {
      checkKey(key);
      return files.get(key);
    },
    async delete(key) {
      files.delete(key);
    },
    location: 'local',
  };
}

/**
 * A private S3 bucket. The SDK is imported on first use, so bundles of services that never store a
 * file do not carry it (and in Lambda it comes from the runtime).
 */
export function s3FileStore(bucket: string, prefix = ''): FileStore {
  type S3 = typeof import('@aws-sdk/client-s3');
  let loaded: Promise<{ sdk: S3; client: InstanceType<S3['S3Client']> }> | undefined;
  const s3 = () => {
    loaded ??= import('@aws-sdk/client-s3').then((sdk) => ({ sdk, client: new sdk.S3Client({}) }));
    return loaded;
  };
  const keyOf = (key: string) => {
    checkKey(key);
    return `${prefix}${key}`;
  };
  return {
    async put(key, body, contentType) {
      const { sdk, client } = await s3();
      await client.send(
        new sdk.PutObjectCommand({
          Bucket: bucket,
          Key: keyOf(key),
          Body: body,
          ContentType: contentType,
          ServerSideEncryption: 'AES256',
        }),
      );
    },
    async get(key) {
      const { sdk, client } = await s3();
      try {
        const out = await client.send(new sdk.GetObjectCommand({ Bucket: bucket, Key: keyOf(key) }));
        if (!out.Body) return undefined;
        return {
          body: await out.Body.transformToByteArray(),
          contentType: out.ContentType ?? 'application/octet-stream',
        };
      } catch (err) {
        if ((err as { name?: string }).name === 'NoSuchKey') return undefined;
        throw err;
      }
    },
    async delete(key) {
      const { sdk, client } = await s3();
      await client.send(new sdk.DeleteObjectCommand({ Bucket: bucket, Key: keyOf(key) }));
    },
    location: { bucket, prefix },
  };
}

const memoryStores = new Map<string, FileStore>();

/**
 * The store the configuration names: the S3 bucket when `FILES_BUCKET` is set (deployed), else
 * `<dataDir>/files/` (locally), or memory for a throw-away data folder (one store per stage, so the
 * services of one process share it like they would share the folder).
 */
export function fileStoreFor(config: Pick<Config, 'dataDir' | 'stage' | 'files'>): FileStore {
  if (config.files.bucket) return s3FileStore(config.files.bucket);
  if (config.dataDir === 'memory') {
    const store = memoryStores.get(config.stage) ?? memoryFileStore();
    memoryStores.set(config.stage, store);
    return store;
  }
  return localFileStore(join(config.dataDir, 'files'));
}
