import { EmulatorUsageError, startCognitoIdentityEmulator, type CognitoIdentityEmulator } from '../src';

describe('the emulator API refuses bad input with EmulatorUsageError and a recovery suggestion', () => {
  it.each([
    ['a negative port', { port: -1 }, /port/],
    ['a fractional port', { port: 1.5 }, /port/],
    ['a non-loopback host', { host: '10.1.2.3' }, /loopback/],
    ['a malformed region', { region: 'Mars' }, /region/],
    ['a zero credentials lifetime', { credentialsLifetimeSeconds: 0 }, /credentialsLifetimeSeconds/],
  ])('startCognitoIdentityEmulator with %s', async (_, options, message) => {
    const error = await startCognitoIdentityEmulator(options).then(
      (emu) => emu.stop().then(() => undefined),
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(EmulatorUsageError);
    expect((error as Error).message).toMatch(message);
    expect((error as EmulatorUsageError).recoverySuggestion.length).toBeGreaterThan(10);
  });

  describe('on a running emulator', () => {
    let emu: CognitoIdentityEmulator;
    beforeAll(async () => {
      emu = await startCognitoIdentityEmulator({ port: 0 });
    });
    afterAll(async () => {
      await emu.stop();
    });

    it('createIdentityPool without options', async () => {
      await expect(emu.createIdentityPool(null as never)).rejects.toBeInstanceOf(EmulatorUsageError);
    });

    it('issueProviderToken without a provider name or options', async () => {
      await expect(emu.issueProviderToken({ subject: 'x' } as never)).rejects.toBeInstanceOf(
        EmulatorUsageError,
      );
      await expect(emu.issueProviderToken(undefined as never)).rejects.toBeInstanceOf(EmulatorUsageError);
    });

    it('injectFault without options', () => {
      expect(() => emu.injectFault(5 as never)).toThrow(EmulatorUsageError);
    });
  });
});
