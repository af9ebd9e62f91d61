import type { DomainServiceName } from '../catalogue';
import type * as z from '../z';

/**
 * A domain event's contract: its type and the schema of its payload, declared once (see
 * `./events.ts`) and shared by the publisher and every consumer.
 */
export interface EventContract<Type extends string = string, Schema extends z.ZodMiniType = z.ZodMiniType> {
  /** `{service}.{entity}.{what happened}`, e.g. `hr.employee.hired`. */
  readonly type: Type;
  /** The service that publishes it: the type's first segment (EventBridge's `konecta.{source}`). */
  readonly source: DomainServiceName;
  readonly schema: Schema;
}

/** What a consumer receives in `event.data`: the payload after its schema parsed it. */
export type EventPayload<C extends EventContract> = z.output<C['schema']>;
/** What a publisher passes as `data`. */
export type EventInput<C extends EventContract> = z.input<C['schema']>;

type EventType = `${DomainServiceName}.${string}.${string}`;

export function defineEvent<const Type extends EventType, Schema extends z.ZodMiniType>(
  type: Type,
  schema: Schema,
): EventContract<Type, Schema> {
  const source = type.slice(0, type.indexOf('.')) as DomainServiceName;
  return Object.freeze({ type, source, schema });
}

/** Each failing field as `path: message`, for the outbox's last error and the thrown message. */
export function describeIssues(error: z.core.$ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`).join('; ');
}
