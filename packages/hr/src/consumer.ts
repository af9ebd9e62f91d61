import { eventConsumerHandler } from '@konecta/core/lambda';
import { hrService } from './index';

/** EventBridge rule target: the events `hrService.subscribe` handles (see the catalogue's `consumes`). */
export const handler = eventConsumerHandler(hrService);
