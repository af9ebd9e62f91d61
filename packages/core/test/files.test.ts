/** The file-storage port: content types from the bytes, size limits, and the local folder adapter. */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkUpload, detectContentType, fileStoreFor, localFileStore, ProblemError } from '../src/index';

const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);
const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]);
const pdf = new TextEncoder().encode('%PDF-1.7\n...');
const root = mkdtempSync(join(tmpdir(), 'konecta-files-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('content types from the content', () => {
  it('knows PDF, JPEG and PNG by their first bytes, whatever the name', () => {
    expect(detectContentType(png)).toBe('image/png');
    expect(detectContentType(jpeg)).toBe('image/jpeg');
    expect(detectContentType(pdf)).toBe('application/pdf');
    expect(detectContentType(new TextEncoder().encode('<svg>'))).toBeUndefined();
    expect(detectContentType(new Uint8Array())).toBeUndefined();
  });

  it('checkUpload: 422 naming the field for another type or an empty file, 413 over the limit', () => {
    const options = { field: 'file', maxBytes: 20, allowed: ['image/png', 'application/pdf'] as const };
    expect(checkUpload(png, { ...options, allowed: [...options.allowed] })).toBe('image/png');
    const refused = (data: Uint8Array) => {
      try {
        checkUpload(data, { ...options, allowed: [...options.allowed] });
      } catch (err) {
        return err as ProblemError;
      }
      throw new Error('accepted');
    };
    expect(refused(jpeg)).toMatchObject({ status: 422, extra: { errors: [{ path: 'file' }] } });
    expect(refused(new Uint8Array())).toMatchObject({ status: 422 });
    const big = new Uint8Array(21);
    big.set(png);
    expect(refused(big)).toBeInstanceOf(ProblemError);
    expect(refused(big).status).toBe(413);
  });
});

describe('local folder adapter', () => {
  const store = localFileStore(join(root, 'files'));
  it('puts, gets with the content type, and deletes by key', async () => {
    await store.put('expenses/a/b.png', png, 'image/png');
    expect(await store.get('expenses/a/b.png')).toEqual({ body: png, contentType: 'image/png' });
    await store.delete('expenses/a/b.png');
    expect(await store.get('expenses/a/b.png')).toBeUndefined();
    expect(readdirSync(join(root, 'files', 'expenses', 'a'))).toEqual([]);
  });

  it('refuses keys that would leave its folder', async () => {
    for (const key of ['../x', 'a/../../x', '/etc/passwd', 'a//b', '.hidden'])
      await expect(store.put(key, png, 'image/png'), key).rejects.toThrow(/Not a file key/);
  });
});

describe('chosen by configuration', () => {
  it('a folder under the data folder locally, memory for a throw-away run, S3 when FILES_BUCKET is set', async () => {
    const local = fileStoreFor({ dataDir: root, stage: 'local', files: {} });
    await local.put('x/y.pdf', pdf, 'application/pdf');
    expect(readdirSync(join(root, 'files', 'x')).sort()).toEqual(['y.pdf', 'y.pdf.type']);
    const memory = fileStoreFor({ dataDir: 'memory', stage: 'files-test', files: {} });
    await memory.put('m/1.png', png, 'image/png');
    expect((await fileStoreFor({ dataDir: 'memory', stage: 'files-test', files: {} }).get('m/1.png'))?.body).toEqual(
      png,
    );
    // The S3 adapter loads the SDK only on first use: choosing it does not.
    const s3 = fileStoreFor({ dataDir: root, stage: 'dev', files: { bucket: 'konecta-files' } });
    expect(Object.keys(s3).sort()).toEqual(['delete', 'get', 'location', 'put']);
    expect(s3.location).toEqual({ bucket: 'konecta-files', prefix: '' });
  });
});
