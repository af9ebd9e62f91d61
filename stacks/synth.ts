/**
 * Offline synthesis: builds the SST app for a stage and writes its CloudFormation templates with
 * no AWS access, the way SST's own tests do (`NODE_ENV=test` skips the bootstrap lookups, the
 * availability zones are explicit, and context comes from the committed `cdk.context.json`).
 * Functions are really built (esbuild), so a template refers to real bundles.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { App } from 'sst/constructs';
import { setProject } from 'sst/project.js';
import { shareFunctionBuilds } from './function-builds';
import { stacks } from './index';

/** Account used offline; a real deploy uses the caller's. */
export const OFFLINE_ACCOUNT = '123456789012';

export interface SynthOptions {
  stage: string;
  region?: string;
  /** Repository root (handlers and `migrations/` are found from here). */
  root?: string;
  /** Where SST writes types and function builds; `<root>/.sst` by default. */
  sstDir?: string;
  /** Where the templates go; `<sstDir>/dist` by default (what `sst build` uses). */
  outdir?: string;
  /** Settings read at synth time (`KONECTA_RUNTIME`, ...), applied for this synth only. */
  env?: Record<string, string | undefined>;
  /** A folder where built functions are kept for later syntheses to reuse (tests: see function-builds.ts). */
  functionBuilds?: string;
}

export interface SynthResult {
  assembly: CloudAssembly;
  outdir: string;
  /** Template of each stack, by its short name (`Network`, `Database`, ...). */
  templates: Record<string, Template>;
}

export interface Template {
  Resources: Record<string, { Type: string; Properties?: Record<string, unknown>; [key: string]: unknown }>;
  Outputs?: Record<string, unknown>;
  [key: string]: unknown;
}

export async function synthesize(options: SynthOptions): Promise<SynthResult> {
  if (process.env.NODE_ENV !== 'test') {
    throw new Error('offline synthesis needs NODE_ENV=test (otherwise SST looks up its bootstrap stack in AWS)');
  }
  const root = resolve(options.root ?? process.cwd());
  const sstDir = resolve(options.sstDir ?? join(root, '.sst'));
  const outdir = resolve(options.outdir ?? join(sstDir, 'dist'));
  const region = options.region ?? 'us-east-1';
  const name = 'konecta-erp';
  const saved = new Map<string, string | undefined>();
  const cwd = process.cwd();
  for (const [key, value] of Object.entries(options.env ?? {})) {
    saved.set(key, process.env[key]);
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  process.env.JSII_DEPRECATED = 'quiet';
  try {
    process.chdir(root);
    setProject({
      version: 'offline',
      cdkVersion: 'offline',
      constructsVersion: 'offline',
      stacks: async () => {},
      metafile: null as never,
      config: { name, region, stage: options.stage, ssmPrefix: `/sst/${name}/${options.stage}/` },
      paths: { root, out: sstDir, config: join(root, 'sst.config.ts'), artifacts: join(sstDir, 'artifacts') },
    });
    if (options.functionBuilds) shareFunctionBuilds(options.functionBuilds);
    const contextFile = join(root, 'cdk.context.json');
    const context = {
      ...(existsSync(contextFile) ? JSON.parse(readFileSync(contextFile, 'utf8')) : {}),
      // Templates reference the built assets where they are instead of copying hundreds of MB.
      'aws:cdk:disable-asset-staging': true,
    };
    const app = new App(
      { mode: 'deploy', stage: options.stage, name, region, account: OFFLINE_ACCOUNT },
      { outdir, context },
    );
    stacks(app);
    await app.finish();
    const assembly = app.synth();
    const missing = assembly.manifest.missing ?? [];
    if (missing.length) {
      throw new Error(
        `synthesis needs context it cannot look up offline: ${missing.map((m) => m.key).join(', ')} (add it to cdk.context.json)`,
      );
    }
    const templates: Record<string, Template> = {};
    for (const stack of assembly.stacks) {
      const short = stack.stackName.replace(`${options.stage}-${name}-`, '');
      templates[short] = stack.template as Template;
    }
    return { assembly, outdir, templates };
  } finally {
    process.chdir(cwd);
    for (const [key, value] of saved) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}
