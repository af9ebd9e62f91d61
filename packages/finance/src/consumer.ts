import { eventConsumerHandler } from '@konecta/core/lambda';
import { financeBackground } from './background';

/** EventBridge rule target: the events finance subscribes to (see the catalogue's `consumes`). */
export const handler = eventConsumerHandler(financeBackground);
