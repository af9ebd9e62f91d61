import type { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';
import { loadConfig } from './config';
import { createServiceDeps, openDatabase, type ServiceModule } from './service';

type LambdaHandler = ReturnType<typeof handle>;

/**
 * A service's `lambda.ts`: the app is built once per Lambda instance, on the first invocation
 * (configuration checked, secrets read, one database connection through RDS Proxy), then every
 * invocation is `app.fetch` through Hono's API Gateway adapter.
 */
export function lambdaHandler(module: ServiceModule): LambdaHandler {
  let ready: Promise<LambdaHandler> | undefined;
  const init = async () => {
    const config = loadConfig();
    const db = await openDatabase(config);
    const app: Hono = module.createApp(createServiceDeps(module.name, config, db)) as unknown as Hono;
    return handle(app);
  };
  return (async (event, context) => {
    ready ??= init().catch((err) => {
      ready = undefined; // let the next invocation retry a failed cold start
      throw err;
    });
    return (await ready)(event, context);
  }) as LambdaHandler;
}
