import type { AuthUpdateAttributeResult, AuthUserAttribute } from '@plugboard/core';
import type { PluginRuntime } from '../PluginRuntime.js';
import { codeDeliveryDetails } from './codeDelivery.js';
import { currentAccessToken, requireCalls } from './userPoolCalls.js';

/** Updates attributes; those the pool verifies (e.g. email) wait for `confirmUserAttribute`. */
export async function updateUserAttributes(
  runtime: PluginRuntime,
  attributes: readonly AuthUserAttribute[],
): Promise<Record<string, AuthUpdateAttributeResult>> {
  const calls = requireCalls(runtime, 'updating user attributes');
  const record = Object.fromEntries(attributes.map(({ key, value }) => [key, value]));
  const deliveries = await calls.updateUserAttributes(
    await currentAccessToken(runtime, 'updateUserAttributes'),
    record,
    undefined,
  );
  return Object.fromEntries(
    attributes.map(({ key }) => {
      const delivery = deliveries.find((d) => d.attributeName === key);
      const result: AuthUpdateAttributeResult = delivery
        ? {
            isUpdated: false,
            nextStep: {
              updateAttributeStep: 'CONFIRM_ATTRIBUTE_WITH_CODE',
              codeDeliveryDetails: codeDeliveryDetails(delivery),
            },
          }
        : { isUpdated: true, nextStep: { updateAttributeStep: 'DONE' } };
      return [key, Object.freeze(result)];
    }),
  );
}
