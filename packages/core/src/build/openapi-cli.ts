/**
 * `tsx packages/core/src/build/openapi-cli.ts <folder> <service>...`: writes each service's OpenAPI
 * document, made from its routes, to `<folder>/<service>.json`. The stacks run it once per
 * synthesis for every service (one process: loading the kernel and the services with tsx is most
 * of the cost), then put each file beside the service's built `lambda.ts`, which serves it
 * (`openapi-file.ts`) instead of generating the document.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDomainServiceName } from '../catalogue';
import { serviceDocument } from './openapi-document';

const [folder, ...services] = process.argv.slice(2);
const unknown = services.filter((s) => !isDomainServiceName(s));
if (!folder || !services.length || unknown.length) {
  console.error(
    `usage: openapi-cli.ts <folder> <domain service>...${unknown.length ? ` (unknown: ${unknown.join(', ')})` : ''}`,
  );
  process.exit(2);
}
for (const service of services) {
  if (!isDomainServiceName(service)) continue;
  writeFileSync(join(folder, `${service}.json`), JSON.stringify(await serviceDocument(service)));
}
