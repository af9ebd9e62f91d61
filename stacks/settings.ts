/**
 * What differs between stages, in one table: NAT gateways, database size and availability,
 * retention, container bounds. Everything else is the same on every stage, so a dev stage is a
 * faithful, smaller copy of production.
 */
import {
  catalogue,
  type DomainServiceName,
  domainServices,
  parseRuntimeOverrides,
  type Runtime,
  runtimeFor,
} from '../packages/core/src/catalogue';

export interface StageSettings {
  stage: string;
  /** Production keeps data: retained resources, deletion protection, longer backups. */
  production: boolean;
  /** Two explicit availability zones: synthesis never looks them up. */
  availabilityZones: [string, string];
  natGateways: number;
  database: {
    instanceType: string;
    multiAz: boolean;
    backupRetentionDays: number;
    allocatedStorageGiB: number;
    maxAllocatedStorageGiB: number;
  };
  /** SST log retention names (CloudWatch). */
  logRetention: 'two_weeks' | 'one_month' | 'one_year';
  fargate: { minTasks: number; maxTasks: number; cpu: number };
  /** Requests per second the API accepts before throttling (steady, burst). */
  apiThrottle: { rate: number; burst: number };
}

export const isProductionStage = (stage: string) => stage === 'production' || stage === 'prod';

export function settingsFor(stage: string, region = 'us-east-1'): StageSettings {
  const production = isProductionStage(stage);
  return {
    stage,
    production,
    availabilityZones: [`${region}a`, `${region}b`],
    natGateways: production ? 2 : 1,
    database: {
      instanceType: 't3.micro',
      multiAz: production,
      backupRetentionDays: production ? 14 : 1,
      allocatedStorageGiB: 20,
      maxAllocatedStorageGiB: production ? 200 : 50,
    },
    logRetention: production ? 'one_year' : 'two_weeks',
    fargate: production ? { minTasks: 2, maxTasks: 6, cpu: 512 } : { minTasks: 1, maxTasks: 2, cpu: 256 },
    apiThrottle: production ? { rate: 500, burst: 1000 } : { rate: 50, burst: 100 },
  };
}

/**
 * Each domain service's runtime on a stage: the catalogue's value for the stage, unless the
 * synth-time override `KONECTA_RUNTIME` (e.g. `hr=fargate,reporting=fargate`) says otherwise.
 * The gateway is not deployed: API Gateway does its routing (docs/architecture.md).
 */
export function runtimesFor(stage: string, override = process.env.KONECTA_RUNTIME): Record<DomainServiceName, Runtime> {
  const overrides = parseRuntimeOverrides(override);
  if (overrides.gateway) {
    throw new Error('KONECTA_RUNTIME: the gateway is not deployed; API Gateway routes /api/{service} itself');
  }
  return Object.fromEntries(domainServices.map((name) => [name, runtimeFor(name, stage, overrides)])) as Record<
    DomainServiceName,
    Runtime
  >;
}

export { catalogue, domainServices };
