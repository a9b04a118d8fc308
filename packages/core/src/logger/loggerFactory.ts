import { processSingleton } from '../brand.js';
import type { Logger } from './Logger.js';

/**
 * A process-wide slot holding `getLogger`, for code that must stay small and so cannot import the
 * logger (the Hub bus: an app that uses only `Hub` should not bundle logging and secret masking).
 *
 * The `Logging` module fills the slot when it loads. Nothing is ever written before `Logging.setLevel`
 * turns logging on, and that needs the `Logging` module of some copy of core loaded, so an empty slot
 * means there is nothing to log to.
 */
const SLOT = 'logger.factory.v1';

type LoggerFactory = (namespace: string) => Logger;

/** @internal Called once by the `Logging` module; the first copy of core to call it wins. */
export function provideLoggerFactory(factory: LoggerFactory): void {
  processSingleton(SLOT, () => factory);
}

/** @internal The logger for `namespace`, or undefined while no loaded copy of core can log. */
export function findLogger(namespace: string): Logger | undefined {
  return processSingleton<LoggerFactory | undefined>(SLOT)?.(namespace);
}
