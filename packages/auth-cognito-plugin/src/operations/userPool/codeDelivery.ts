import type { AuthCodeDeliveryDetails } from '@plugboard/core';
import type { CodeDelivery } from '../../clients/userPool/UserPoolCalls.js';

const MEDIUMS = new Set(['EMAIL', 'SMS', 'PHONE']);

/** The service's CodeDeliveryDetails in the plugin's shape. */
export function codeDeliveryDetails(delivery: CodeDelivery | undefined): AuthCodeDeliveryDetails {
  const medium = delivery?.deliveryMedium?.toUpperCase() ?? '';
  return Object.freeze({
    destination: delivery?.destination ?? '',
    deliveryMedium: (MEDIUMS.has(medium) ? medium : 'UNKNOWN') as AuthCodeDeliveryDetails['deliveryMedium'],
    ...(delivery?.attributeName ? { attributeName: delivery.attributeName } : {}),
  });
}
