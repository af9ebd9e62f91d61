import { eventConsumerHandler } from '@konecta/core/lambda';
import { authService } from './index';

/** EventBridge rule target: the events `authService.subscribe` handles (see the catalogue's `consumes`). */
export const handler = eventConsumerHandler(authService);
