/**
 * `tsx packages/core/src/build/openapi-cli.ts <service> <file>`: writes the service's OpenAPI
 * document, made from its routes, to `file`. The stacks run it after building a service's
 * `lambda.ts`, which serves the file (`openapi-file.ts`) instead of generating the document.
 */
import { writeFileSync } from 'node:fs';
import { isDomainServiceName } from '../catalogue';
import { serviceDocument } from './openapi-document';

const [service, file] = process.argv.slice(2);
if (!service || !file || !isDomainServiceName(service)) {
  console.error('usage: openapi-cli.ts <domain service> <file>');
  process.exit(2);
}
writeFileSync(file, JSON.stringify(await serviceDocument(service)));
