/**
 * The services' API types for the web app. The `*.d.ts` files beside this one are generated from
 * the services' OpenAPI documents (`npm run api:types`; a test fails when they drift), so a shape
 * the server changes shows up here as a type error instead of a surprise at run time.
 */
import type { components as AuthComponents, paths as AuthPaths } from './auth';
import type { components as FinanceComponents, paths as FinancePaths } from './finance';
import type { components as GatewayComponents } from './gateway';
import type { components as HrComponents, paths as HrPaths } from './hr';

/** The named schemas of each app's document, e.g. `HrSchemas['Employee']`. */
export type AuthSchemas = AuthComponents['schemas'];
export type HrSchemas = HrComponents['schemas'];
export type FinanceSchemas = FinanceComponents['schemas'];
export type GatewaySchemas = GatewayComponents['schemas'];

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type JsonOf<Answer> = Answer extends { content: { 'application/json': infer Body } } ? Body : never;
type SuccessStatus = 200 | 201 | 202;
/** The JSON body of an operation's successful (200, 201 or 202) answer. */
type SuccessOf<Operation> = Operation extends { responses: infer Answers }
  ? { [S in SuccessStatus & keyof Answers]: JsonOf<Answers[S]> }[SuccessStatus & keyof Answers]
  : never;

/** What a path answers on success, for answers without a schema name: `HrAnswer<'/api/hr/holidays'>`. */
export type AuthAnswer<Path extends keyof AuthPaths, M extends Method = 'get'> = SuccessOf<AuthPaths[Path][M]>;
export type HrAnswer<Path extends keyof HrPaths, M extends Method = 'get'> = SuccessOf<HrPaths[Path][M]>;
export type FinanceAnswer<Path extends keyof FinancePaths, M extends Method = 'get'> = SuccessOf<FinancePaths[Path][M]>;
