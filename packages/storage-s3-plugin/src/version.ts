/** The package version, reported by `getVersion()`. */
export const VERSION = '0.1.0';
