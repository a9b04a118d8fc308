import { ConfigurationException, Logging, getLogger, type LogEntry } from '../src/index.js';
import { isLogLevelEnabled } from '../src/internals.js';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';

afterEach(() => {
  Logging.setLevel('NONE');
  Logging.setSink(undefined);
  jest.restoreAllMocks();
});

describe('Logging', () => {
  describe('defaults', () => {
    it('is quiet: level NONE and nothing reaches the console', () => {
      const spies = (['error', 'warn', 'info', 'debug', 'log'] as const).map((method) =>
        jest.spyOn(console, method).mockImplementation(() => undefined),
      );
      expect(Logging.getLevel()).toBe('NONE');
      const logger = getLogger('quiet');
      logger.error('e');
      logger.warn('w');
      logger.info('i');
      logger.debug('d');
      logger.verbose('v');
      for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    });
  });

  describe('setLevel', () => {
    it('writes entries at the level and above only', () => {
      const entries: LogEntry[] = [];
      Logging.setSink((entry) => entries.push(entry));
      Logging.setLevel('WARN');
      const logger = getLogger('levels');
      logger.verbose('v');
      logger.debug('d');
      logger.info('i');
      logger.warn('w');
      logger.error('e');
      expect(entries.map((entry) => entry.level)).toEqual(['WARN', 'ERROR']);
      expect(isLogLevelEnabled('INFO')).toBe(false);
      expect(isLogLevelEnabled('ERROR')).toBe(true);
    });

    it('refuses an unknown level', () => {
      expect(() => Logging.setLevel('LOUD' as never)).toThrow(ConfigurationException);
      expect(() => Logging.setLevel('toString' as never)).toThrow(ConfigurationException);
    });
  });

  describe('setSink', () => {
    it('sends masked entries with namespace and time to the app sink', () => {
      const entries: LogEntry[] = [];
      Logging.setSink((entry) => entries.push(entry));
      Logging.setLevel('DEBUG');
      getLogger('MyPlugin').debug(
        `got ${JWT}`,
        { idToken: JWT, user: 'alice' },
        new Error(`failed with ${JWT}`),
      );
      expect(entries).toHaveLength(1);
      const [entry] = entries;
      expect(entry!.namespace).toBe('MyPlugin');
      expect(entry!.message).toBe('got ***');
      expect(entry!.details[0]).toEqual({ idToken: '***', user: 'alice' });
      expect((entry!.details[1] as Error).message).toBe('failed with ***');
      expect(entry!.time).toBeInstanceOf(Date);
      expect(JSON.stringify(entries)).not.toContain(JWT);
    });

    it('restores the console sink with undefined, which uses console.warn for warnings', () => {
      const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
      const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
      Logging.setSink(() => undefined);
      Logging.setSink(undefined);
      Logging.setLevel('WARN');
      getLogger('console').warn(`careful ${JWT}`, { password: 'hunter2' });
      getLogger('console').error('broken');
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn.mock.calls[0]![0]).toMatch(/WARN console - careful \*\*\*$/);
      expect(warn.mock.calls[0]![1]).toEqual({ password: '***' });
      expect(error).toHaveBeenCalledTimes(1);
    });

    it('never lets a throwing sink break the caller', () => {
      Logging.setSink(() => {
        throw new Error('sink broke');
      });
      Logging.setLevel('INFO');
      expect(() => getLogger('x').info('hello')).not.toThrow();
    });

    it('refuses a sink that is not a function', () => {
      expect(() => Logging.setSink('console' as never)).toThrow(ConfigurationException);
    });
  });
});
