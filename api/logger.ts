/** Structured logging (pino), shared by the API and the worker. */
import pino, { type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string = 'info'): Logger {
  return pino({ level, base: { app: 'sonla-edoc' }, timestamp: pino.stdTimeFunctions.isoTime });
}
