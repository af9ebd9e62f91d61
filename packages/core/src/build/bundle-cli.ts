/**
 * `npm run bundle [-- <service>...] [--kind lambda|server] [--analyze]`: bundles the services'
 * entry points into `.build/<kind>/<name>/index.mjs` (every Lambda function of a service: its
 * `lambda.ts` and one per route group, `hr-employees`…) and prints their sizes. Exits non-zero
 * when a Lambda bundle is over the budget, and then (or with `--analyze`) prints what the
 * largest one's bytes are made of. CI runs `npm run bundle -- --kind lambda`.
 */
import { isServiceName } from '../catalogue';
import {
  type BundleKind,
  type BundleResult,
  bundleService,
  bundleTargets,
  displayPath,
  kib,
  LAMBDA_BUNDLE_BUDGET_BYTES,
  lambdaFunctions,
  largestInputs,
  sizeByPackage,
} from './bundle';

const args = process.argv.slice(2);
const analyze = args.includes('--analyze');
const kindArg = args.includes('--kind') ? args[args.indexOf('--kind') + 1] : undefined;
if (kindArg !== undefined && kindArg !== 'lambda' && kindArg !== 'server') {
  console.error('--kind must be lambda or server');
  process.exit(2);
}
const kinds: BundleKind[] = kindArg ? [kindArg] : ['lambda', 'server'];
const named = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--kind');
const unknown = named.filter((n) => !isServiceName(n));
if (unknown.length) {
  console.error(`unknown service: ${unknown.join(', ')}`);
  process.exit(2);
}

const size = (bytes: number) => `${kib(bytes).toFixed(1)} KiB`.padStart(11);
function breakdown(result: BundleResult) {
  console.log(`\n${result.kind} ${result.name}: bytes by package`);
  for (const share of sizeByPackage(result).slice(0, 15)) console.log(`  ${size(share.bytes)}  ${share.name}`);
  console.log('largest inputs');
  for (const input of largestInputs(result, 10)) console.log(`  ${size(input.bytes)}  ${input.name}`);
}

const over: BundleResult[] = [];
for (const kind of kinds) {
  const targets =
    kind === 'lambda'
      ? lambdaFunctions
      : bundleTargets.server.map((service) => ({ service, group: undefined as string | undefined }));
  for (const { service, group } of targets.filter((t) => !named.length || named.includes(t.service))) {
    const result = await bundleService({ service, kind, group });
    const isOver = kind === 'lambda' && result.bytes > LAMBDA_BUNDLE_BUDGET_BYTES;
    if (isOver) over.push(result);
    const note = kind !== 'lambda' ? '' : isOver ? '  OVER budget' : '  within budget';
    console.log(
      `${kind.padEnd(6)} ${result.name.padEnd(22)} ${size(result.bytes)} (entry ${size(result.entryBytes).trim()}${result.onDemandBytes ? `, libraries on demand ${size(result.onDemandBytes).trim()}` : ''}, ${result.files.length} files)  ${displayPath(result.outfile)}${note}`,
    );
    if (analyze) breakdown(result);
  }
}
if (over.length) {
  console.error(`\n${over.length} Lambda bundle(s) over the ${kib(LAMBDA_BUNDLE_BUDGET_BYTES)} KiB budget.`);
  const largest = over.reduce((a, b) => (b.bytes > a.bytes ? b : a));
  if (!analyze) breakdown(largest);
  process.exitCode = 1;
}
