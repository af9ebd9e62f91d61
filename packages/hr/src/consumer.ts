import { eventConsumerHandler } from '@konecta/core/lambda';
import { hrBackground } from './background';

/** EventBridge rule target: the events HR subscribes to (see the catalogue's `consumes`). */
export const handler = eventConsumerHandler(hrBackground);
