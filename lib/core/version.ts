import pkg from '../../package.json' with { type: 'json' };

/** lading's version, as package.json states it (the only place it is written). */
export const VERSION: string = pkg.version;
