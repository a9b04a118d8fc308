import { brandClass } from '@plugboard/core/internals';

/** Builds {@link FederateToIdentityPoolOptions}, as on Amplify Android. */
export interface FederateToIdentityPoolOptionsBuilder {
  /** Federate to this existing identity id instead of asking Cognito for one (no `GetId` call). */
  developerProvidedIdentityId(id: string): FederateToIdentityPoolOptionsBuilder;
  /** The options with what was set. */
  build(): FederateToIdentityPoolOptions;
}

/** Options of `federateToIdentityPool`. A plain `{ developerProvidedIdentityId }` object is accepted too. */
export class FederateToIdentityPoolOptions {
  /** The existing identity id to federate to; left out, Cognito picks or creates one (`GetId`). */
  readonly developerProvidedIdentityId?: string;

  constructor(init: { developerProvidedIdentityId?: string } = {}) {
    if (init.developerProvidedIdentityId !== undefined) {
      this.developerProvidedIdentityId = init.developerProvidedIdentityId;
    }
    Object.freeze(this);
  }

  /** A builder of these options, as on Amplify Android. */
  static builder(): FederateToIdentityPoolOptionsBuilder {
    let identityId: string | undefined;
    const builder: FederateToIdentityPoolOptionsBuilder = {
      developerProvidedIdentityId(id: string) {
        identityId = id;
        return builder;
      },
      build() {
        return new FederateToIdentityPoolOptions(
          identityId === undefined ? {} : { developerProvidedIdentityId: identityId },
        );
      },
    };
    return builder;
  }
}
brandClass(FederateToIdentityPoolOptions, 'FederateToIdentityPoolOptions');
