import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { type FieldError, unprocessable } from '@konecta/core';

/**
 * argon2id at one of OWASP's equally strong settings: 12 MiB, 3 passes, 1 lane. Of the list
 * (m=47104 t=1, m=19456 t=2, m=12288 t=3, m=9216 t=4, m=7168 t=5) it is the fastest here and stays
 * within docs/quality.md's 10 ms per hash (bench: ~6.8 ms, against ~10.5 ms for the m=9216 t=4
 * used before). Parameters live in each hash, so older hashes still verify; `needsRehash` tells
 * sign-in to store the password again at these settings once it has been checked.
 */
// algorithm 2 is Argon2id (the package's const enum cannot be imported under isolatedModules).
const ARGON2 = { algorithm: 2, memoryCost: 12_288, timeCost: 3, parallelism: 1 } as const;

/**
 * The native argon2 addon, loaded on the first hash or check: loading it was most of the auth
 * function's cold start for requests that never touch a password (issue 11).
 */
let argon2: Promise<typeof import('@node-rs/argon2')> | undefined;
const native = () => {
  argon2 ??= import('@node-rs/argon2');
  return argon2;
};

export async function hashPassword(password: string): Promise<string> {
  return (await native()).hash(password, ARGON2);
}

/** `$argon2id$v=19$m=12288,t=3,p=1$salt$hash`: the variant and parameters a hash was made with. */
const PHC = /^\$argon2(id|i|d)\$v=\d+\$m=(\d+),t=(\d+),p=(\d+)\$/;
const VARIANTS: Record<string, number> = { d: 0, i: 1, id: 2 };

/** True when a stored hash was made with other settings than today's (or cannot be read). */
export function needsRehash(stored: string): boolean {
  const m = PHC.exec(stored);
  if (!m) return true;
  return (
    VARIANTS[m[1] ?? ''] !== ARGON2.algorithm ||
    Number(m[2]) !== ARGON2.memoryCost ||
    Number(m[3]) !== ARGON2.timeCost ||
    Number(m[4]) !== ARGON2.parallelism
  );
}

/** A real hash of nothing anyone knows: verifying against it costs what a real check costs. */
let decoy: Promise<string> | undefined;

/**
 * Checks a password. With no stored hash (unknown user, never set) it still runs one full
 * verification, so the answer takes as long as for a real account.
 */
export async function verifyPassword(stored: string | null | undefined, password: string): Promise<boolean> {
  if (!stored) {
    decoy ??= hashPassword(randomBytes(24).toString('base64'));
    const { verify } = await native();
    await verify(await decoy, password).catch(() => false);
    return false;
  }
  const { verify } = await native();
  return verify(stored, password).catch(() => false);
}

const COMMON = new Set([
  'password',
  'password1',
  'password123',
  '1234567890',
  'qwertyuiop',
  'konecta2026',
  'letmein123',
  'welcome123',
]);

/** The password rules, with messages a person can act on. */
export function passwordProblems(password: string, context: { email?: string; username?: string } = {}): FieldError[] {
  const problems: FieldError[] = [];
  const lower = password.toLowerCase();
  if (password.length < 10) problems.push({ path: 'password', message: 'Use at least 10 characters.' });
  if (password.length > 128) problems.push({ path: 'password', message: 'Use at most 128 characters.' });
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(password)).length;
  if (classes < 3) {
    problems.push({ path: 'password', message: 'Mix at least three of: lower case, upper case, digits, symbols.' });
  }
  if (COMMON.has(lower.replace(/[^a-z0-9]/g, '')))
    problems.push({ path: 'password', message: 'This password is too common.' });
  const local = context.email?.split('@')[0]?.toLowerCase();
  if (
    (local && local.length >= 3 && lower.includes(local)) ||
    (context.username && lower.includes(context.username.toLowerCase()))
  ) {
    problems.push({ path: 'password', message: 'Do not use your email or username in the password.' });
  }
  return problems;
}

export function assertPasswordAcceptable(password: string, context: { email?: string; username?: string } = {}): void {
  const problems = passwordProblems(password, context);
  if (problems.length) throw unprocessable('The password does not meet the rules.', problems);
}

/** Opaque tokens (refresh, invitation, reset): 256 random bits, stored only as their SHA-256. */
export function newOpaqueToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: sha256(token) };
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}

/** A 6-digit code and its hash (bound to the user, so a hash reveals nothing across users). */
export function newCode(userId: string): { code: string; hash: string } {
  const code = String(randomBytes(4).readUInt32BE() % 1_000_000).padStart(6, '0');
  return { code, hash: codeHash(userId, code) };
}

export function codeHash(userId: string, code: string): string {
  return sha256(`${userId}:${code}`);
}

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
