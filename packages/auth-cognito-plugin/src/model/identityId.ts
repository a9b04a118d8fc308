/** An identity id (or identity pool id): `<region>:<uuid>`, e.g. `us-east-1:0a1b2c3d-0000-4000-8000-000000000000`. */
const REGION_AND_UUID =
  /^([a-z]{2}(?:-[a-z]+)+-\d{1,2}):[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The region of an identity id or identity pool id shaped `<region>:<uuid>`, or undefined for anything else. */
export function regionOf(id: unknown): string | undefined {
  return typeof id === 'string' && id.length <= 55 ? REGION_AND_UUID.exec(id)?.[1] : undefined;
}

/** True for a string shaped `<region>:<uuid>`. */
export function isIdentityId(id: unknown): id is string {
  return regionOf(id) !== undefined;
}
