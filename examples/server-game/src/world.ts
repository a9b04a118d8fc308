// Everything the game needs in one process: the demo clock, the backend, Amplify configured once for
// every context, and the game server.
import { Amplify } from '@plugboard/core';
import { AWSCognitoAuthPlugin } from '@plugboard/auth-cognito-plugin';
import { installDemoClock, type DemoClock } from '../../federation-demo/src/demoClock';
import { startGameBackend, type GameBackend } from './backend';
import { startGameServer, type GameServer, type GameServerOptions } from './gameServer';

export interface GameWorld {
  readonly clock: DemoClock;
  readonly backend: GameBackend;
  readonly server: GameServer;
  stop(): Promise<void>;
}

/**
 * Starts the world. The clock is this process's `Date.now` (shifted when the demo moves time forward), so
 * the emulator, the signature check, the plugin and the AWS SDK agree on it.
 */
export async function startGameWorld(
  options: Omit<GameServerOptions, 'dynamoEndpoint'> = {},
): Promise<GameWorld> {
  const clock = installDemoClock();
  let backend: GameBackend | undefined;
  try {
    backend = await startGameBackend(clock.now);
    await Amplify.reset();
    // Configured once: every request's context takes this configuration (the same pools).
    Amplify.addPlugin(new AWSCognitoAuthPlugin());
    Amplify.configure(backend.config);
    const server = await startGameServer({ ...options, dynamoEndpoint: backend.dynamoEndpoint });
    const started = backend;
    return {
      clock,
      backend: started,
      server,
      async stop() {
        await server.stop();
        await started.stop();
        await Amplify.reset();
        clock.restore();
      },
    };
  } catch (error) {
    await backend?.stop();
    clock.restore();
    throw error;
  }
}
