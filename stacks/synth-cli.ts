/**
 * `npm run synth -- --stage dev`: writes the stage's CloudFormation templates to `.sst/dist/`
 * offline (no AWS credentials, no network). `KONECTA_RUNTIME="hr=fargate"` switches services.
 */
import { relative } from 'node:path';

process.env.NODE_ENV = 'test';
process.env.AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE = '1';
const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
};
const stage = flag('stage') ?? 'dev';
const region = flag('region') ?? 'us-east-1';
if (!/^[a-z][a-z0-9-]*$/.test(stage)) {
  console.error(`--stage must be lowercase letters, digits and dashes, got "${stage}"`);
  process.exit(2);
}

const started = performance.now();
const { synthesize } = await import('./synth');
try {
  const { outdir, templates } = await synthesize({ stage, region });
  for (const [name, template] of Object.entries(templates)) {
    console.log(`  ${name.padEnd(10)} ${String(Object.keys(template.Resources).length).padStart(4)} resources`);
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`Synthesized stage "${stage}" offline in ${seconds} s → ${relative(process.cwd(), outdir)}/`);
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
