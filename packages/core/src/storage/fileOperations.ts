/** Node file helpers for FileKeyValueStorage. `node:*` modules are imported lazily, on first use. */

export interface ReadResult {
  /** The stored object; empty when the file is missing, corrupt or unreadable. */
  readonly items: Record<string, unknown>;
  /** Why the contents were ignored (no contents are quoted); undefined when all is well. */
  readonly problem?: string;
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Reads `filePath` as a JSON object. A missing file is simply empty. */
export async function readJsonObject(filePath: string): Promise<ReadResult> {
  const fs = await import('node:fs/promises');
  let text: string;
  try {
    text = await fs.readFile(filePath, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return { items: {} };
    return { items: {}, problem: `the file cannot be read (${errorCode(error) ?? 'unknown error'}).` };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { items: {}, problem: 'the file is not valid JSON.' };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { items: {}, problem: 'the file does not hold a JSON object.' };
  }
  return { items: parsed as Record<string, unknown> };
}

/**
 * Replaces `filePath` with `contents` atomically: writes a temporary file with mode 0600 next to it,
 * flushes it, then renames it over the target. Readers see the old or the new file, never a mix.
 */
export async function writeFileAtomically(filePath: string, contents: string): Promise<void> {
  const fs = await import('node:fs/promises');
  const path = await import('node:path');
  await fs.mkdir(path.dirname(filePath), { recursive: true, mode: 0o700 });
  const suffix = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  const temporary = `${filePath}.${suffix}.tmp`;
  try {
    const handle = await fs.open(temporary, 'wx', 0o600);
    try {
      await handle.writeFile(contents, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.chmod(temporary, 0o600);
    await fs.rename(temporary, filePath);
  } catch (error) {
    await fs.rm(temporary, { force: true }).catch(() => undefined);
    throw error;
  }
}
