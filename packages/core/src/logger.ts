import pino from 'pino';
import { loggableError } from './db-errors';

export type Logger = pino.Logger;

/**
 * JSON logs, one line each. Secrets never reach them: known secret-bearing keys are redacted, and
 * errors are written without the values of the SQL statement that failed.
 */
export function createLogger(options: {
  level: string;
  service: string;
  destination?: pino.DestinationStream;
}): Logger {
  return pino(
    {
      level: options.level,
      base: { service: options.service },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { err: loggableError },
      redact: {
        paths: ['password', '*.password', 'token', '*.token', 'authorization', '*.authorization', 'cookie', '*.cookie'],
        censor: '[redacted]',
      },
    },
    options.destination,
  );
}
