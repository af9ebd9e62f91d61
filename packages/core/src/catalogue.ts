/**
 * The service catalogue: the one place that knows every service's port, route prefix, database
 * schema and runtime. The stacks, the gateway, discovery, config and the local runner read it;
 * nothing else hard-codes a port or a URL.
 */
export type Runtime = 'lambda' | 'fargate';
export type Stage = 'local' | 'test' | 'dev' | 'staging' | 'production' | (string & {});

export interface ServiceEntry {
  readonly name: ServiceName;
  readonly title: string;
  readonly port: number;
  /** Every route of the service lives under this prefix, e.g. `/api/hr`. */
  readonly prefix: string;
  /** The PostgreSQL schema the service owns (writes only there), or null for stateless apps. */
  readonly schema: string | null;
  /** Runtime by stage; `default` applies to stages not listed. */
  readonly runtime: { readonly default: Runtime } & Readonly<Partial<Record<string, Runtime>>>;
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  /**
   * Domain event types the service subscribes to: deployed, an EventBridge rule sends these to
   * the service's consumer function. Must equal what its `subscribe` registers (a test checks).
   * Written out rather than read from the event and notification registries, which every
   * function would otherwise load with the catalogue (packages/local/test/catalogue-wiring.test.ts).
   */
  readonly consumes: readonly string[];
  /** Scheduled jobs (the service module's `jobs`) and their EventBridge schedule expressions. */
  readonly schedules: Readonly<Record<string, string>>;
  /**
   * Deployed on Lambda, route groups served by functions of their own, so that each function's
   * bundle holds the kernel and one group's code (within the bundle budget, docs/quality.md):
   * group name → the path prefixes it answers, under `prefix` (`/employees` answers
   * `/api/hr/employees` and everything below it), or exact path patterns, with `{name}` for a
   * segment (`/bank-statements/{id}/lines/{lineId}/payment` answers that path only, and wins over
   * any prefix, as API Gateway prefers a route without a greedy `{proxy+}`). Group `g` is
   * `packages/<service>/src/functions/g.ts`;
   * the service's `lambda.ts` answers every other path (health, readiness, the OpenAPI document
   * and the routes of no group). Locally and in containers the service stays one app.
   */
  readonly functions: Readonly<Record<string, readonly string[]>>;
}

export const serviceNames = [
  'gateway',
  'auth',
  'hr',
  'finance',
  'operation',
  'reporting',
  'discovery',
  'config',
] as const;
export type ServiceName = (typeof serviceNames)[number];
/** The services reached through the gateway at `/api/{name}`. */
export type DomainServiceName = Exclude<ServiceName, 'gateway'>;

const entry = (
  name: ServiceName,
  title: string,
  port: number,
  schema: string | null,
  extra: Partial<
    Pick<ServiceEntry, 'runtime' | 'memoryMb' | 'timeoutSeconds' | 'consumes' | 'schedules' | 'functions'>
  > = {},
): ServiceEntry => ({
  name,
  title,
  port,
  prefix: name === 'gateway' ? '/' : `/api/${name}`,
  schema,
  runtime: extra.runtime ?? { default: 'lambda' },
  memoryMb: extra.memoryMb ?? 512,
  timeoutSeconds: extra.timeoutSeconds ?? 29,
  consumes: extra.consumes ?? [],
  schedules: extra.schedules ?? {},
  functions: extra.functions ?? {},
});

export const catalogue: Readonly<Record<ServiceName, ServiceEntry>> = {
  // Deployed, API Gateway does the gateway's routing; the gateway app runs on Fargate only when
  // a stage falls back to the original ALB → gateway topology.
  gateway: entry('gateway', 'API gateway', 8080, null, { runtime: { default: 'fargate' } }),
  auth: entry('auth', 'Auth service', 8081, 'auth', {
    memoryMb: 1024,
    consumes: [
      'auth.password-reset.requested',
      'hr.employee.hired',
      'hr.employee.terminated',
      // The auth service owns notifications: it consumes every notification kind's event.
      'hr.leave.requested',
      'hr.leave.decided',
      'hr.review.submitted',
      'hr.review.self-assessed',
      'hr.resignation.decided',
      'hr.employee.exit-date-reached',
      'finance.expense.submitted',
      'finance.expense.decided',
    ],
    schedules: { rotateSigningKeys: 'rate(7 days)', sendPendingMail: 'rate(1 minute)' },
    // lambda.ts: sign-in, refresh, /me and the key set (the paths every screen needs).
    functions: {
      services: ['/service-token', '/service'],
      // Inviting is also `POST /users`: users and invitations are one group.
      users: ['/users', '/invitations', '/verify'],
      roles: ['/roles', '/permissions'],
      password: ['/password'],
      notifications: ['/notifications', '/notification-preferences'],
    },
  }),
  hr: entry('hr', 'HR service', 8082, 'hr', {
    consumes: ['auth.user.linked'],
    schedules: { leaveAccrual: 'cron(30 0 * * ? *)', scheduledExits: 'cron(15 0 * * ? *)' },
    // lambda.ts: the dashboard and the company calendar.
    functions: {
      employees: ['/employees'],
      // The directory as a file and back, with the spreadsheet code (and exceljs, on demand).
      'employee-files': ['/employees/export', '/employees/import'],
      organisation: ['/departments', '/positions', '/org-chart'],
      attendance: ['/attendance', '/office-locations'],
      leave: ['/leave-requests', '/leave-balances', '/leave-ledger', '/leave-types', '/holidays'],
      performance: ['/review-cycles', '/reviews'],
      recruitment: ['/job-openings', '/applications'],
      training: ['/courses', '/enrolments'],
      offboarding: ['/resignations'],
    },
  }),
  finance: entry('finance', 'Finance service', 8083, 'finance', {
    memoryMb: 1024,
    schedules: { expireUploads: 'rate(1 hour)' },
    // lambda.ts: health, readiness, the OpenAPI document and the dashboard. Every other route
    // group is a function of its own, so each bundle holds the kernel and one group's code.
    functions: {
      ledger: [
        '/accounts',
        '/fiscal-years',
        '/periods',
        '/journal-entries',
        '/exchange-rates',
        '/revaluations',
        '/settings',
      ],
      // Customers and vendors, with their statements (the ageing query, the P&L, the file writer).
      parties: ['/customers', '/vendors'],
      // Invoices as PDF too (pdf-lib, on demand).
      invoices: ['/invoices'],
      bills: ['/bills'],
      // Credit notes against invoices and bills: one module for both sides (documents/credit-notes.ts),
      // so a function of its own rather than each side's function carrying the other's code.
      'credit-notes': [
        '/credit-notes',
        '/vendor-credit-notes',
        '/invoices/{id}/credit-notes',
        '/bills/{id}/credit-notes',
      ],
      payments: ['/payments'],
      bank: ['/bank-accounts', '/bank-statements'],
      // A payment from a statement line records and allocates a payment: the payments code and
      // the sales, purchase and payment refusals stay out of the bank function.
      'bank-payments': ['/bank-statements/{id}/lines/{lineId}/payment'],
      // Claims, their receipts and their categories.
      expenses: ['/expense-categories', '/expense-claims'],
      // Receipts sent straight to storage: the grant (SigV4 POST signing), the confirmation, and
      // the local stand-in for S3's POST (answered by no deployed stage, which uploads to S3).
      'receipt-uploads': ['/expense-claims/{id}/receipts/uploads', '/expense-claims/{id}/receipts/confirm', '/uploads'],
      // Department expenses imported from a spreadsheet (exceljs, on demand).
      'expense-imports': ['/expense-imports'],
      reports: ['/reports'],
      // Budgets, the departments they are set for, and budget against actual (a report of its own).
      budgets: ['/budgets', '/departments', '/reports/budget-vs-actual'],
    },
    // Received goods become draft bills.
    consumes: ['operation.goods.received'],
  }),
  operation: entry('operation', 'Operation service', 8085, 'operation'),
  reporting: entry('reporting', 'Reporting service', 5156, 'reporting', { memoryMb: 1024 }),
  discovery: entry('discovery', 'Discovery', 8761, null),
  config: entry('config', 'Config', 8888, null),
};

export const domainServices: readonly DomainServiceName[] = serviceNames.filter(
  (n): n is DomainServiceName => n !== 'gateway',
);

export function isServiceName(value: string): value is ServiceName {
  return (serviceNames as readonly string[]).includes(value);
}

export function isDomainServiceName(value: string): value is DomainServiceName {
  return value !== 'gateway' && isServiceName(value);
}

/**
 * Parses a runtime override such as `hr=fargate,reporting=fargate` (the `KONECTA_RUNTIME`
 * setting). Unknown services or runtimes are errors, so a typo never deploys silently.
 */
export function parseRuntimeOverrides(value: string | undefined): Partial<Record<ServiceName, Runtime>> {
  const out: Partial<Record<ServiceName, Runtime>> = {};
  if (!value?.trim()) return out;
  for (const part of value.split(',')) {
    const [name, runtime] = part.split('=').map((s) => s.trim());
    if (!name || !isServiceName(name)) throw new Error(`KONECTA_RUNTIME: unknown service "${name ?? ''}"`);
    if (runtime !== 'lambda' && runtime !== 'fargate') {
      throw new Error(`KONECTA_RUNTIME: runtime for "${name}" must be lambda or fargate, got "${runtime ?? ''}"`);
    }
    out[name] = runtime;
  }
  return out;
}

export function runtimeFor(
  name: ServiceName,
  stage: Stage,
  overrides: Partial<Record<ServiceName, Runtime>> = {},
): Runtime {
  const svc = catalogue[name];
  return overrides[name] ?? svc.runtime[stage] ?? svc.runtime.default;
}

/** The URL a service listens on when run as a local process (or a container on its port). */
export function localServiceUrl(name: ServiceName, host = '127.0.0.1', portOffset = 0): string {
  return `http://${host}:${catalogue[name].port + portOffset}`;
}

/** A Lambda function of a service: its `lambda.ts` (group undefined) or a route group's. */
export interface LambdaFunction {
  service: DomainServiceName;
  group?: string;
}

/** Every Lambda function serving a service's HTTP API: `lambda.ts` first, then its groups. */
export function lambdaFunctionsOf(service: DomainServiceName): LambdaFunction[] {
  return [{ service }, ...Object.keys(catalogue[service].functions).map((group) => ({ service, group }))];
}

/** `hr` for a service's `lambda.ts`, `hr-employees` for its `employees` group. */
export const lambdaFunctionName = (fn: LambdaFunction) => (fn.group ? `${fn.service}-${fn.group}` : fn.service);

/** A route group's path pattern (`/bank-statements/{id}/payment`) rather than a prefix. */
export const isPathPattern = (path: string) => path.includes('{');

/** Whether a path (`:id` or a value in a segment) is the pattern's: segment by segment, `{name}` any one. */
function matchesPattern(pattern: string, path: string): boolean {
  const want = pattern.split('/');
  const have = path.split('/');
  return want.length === have.length && want.every((w, i) => (isPathPattern(w) ? have[i] !== '' : w === have[i]));
}

/**
 * Which Lambda function answers a path under the service's prefix: the group with a path pattern
 * it matches, else the group with the longest prefix that is the path or a parent of it (as API
 * Gateway picks its most specific route), else `lambda.ts` (group undefined).
 */
export function lambdaGroupFor(service: DomainServiceName, path: string): string | undefined {
  const entry = catalogue[service];
  const rest = path.startsWith(entry.prefix) ? path.slice(entry.prefix.length) || '/' : path;
  let best: { group: string; length: number } | undefined;
  for (const [group, prefixes] of Object.entries(entry.functions)) {
    for (const prefix of prefixes) {
      if (isPathPattern(prefix)) {
        if (matchesPattern(prefix, rest)) return group;
      } else if ((rest === prefix || rest.startsWith(`${prefix}/`)) && prefix.length > (best?.length ?? 0))
        best = { group, length: prefix.length };
    }
  }
  return best?.group;
}

/** The service that owns a request path (`/api/hr/...` → hr), or undefined. */
export function serviceForPath(path: string): DomainServiceName | undefined {
  const match = /^\/api\/([a-z-]+)(?:\/|$)/.exec(path);
  const name = match?.[1];
  return name && isDomainServiceName(name) ? name : undefined;
}
