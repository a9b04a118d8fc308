/**
 * Plugin sections that `Amplify.configure` has validated and deeply frozen. A frozen section cannot
 * change after its check, so a plugin handed one of these by core does not validate it again: one
 * validation per `Amplify.configure`. A section passed to a plugin's `configure` directly is not here,
 * and the plugin checks it itself.
 */
const validated = new WeakSet<object>();

/** Records `section` (a deeply frozen section that core has just validated). */
export function markValidatedSection(section: unknown): void {
  if (typeof section === 'object' && section !== null && Object.isFrozen(section)) validated.add(section);
}

/** Whether core validated `section` during `Amplify.configure` (same object, still frozen). */
export function isValidatedSection(section: unknown): boolean {
  return typeof section === 'object' && section !== null && validated.has(section);
}
