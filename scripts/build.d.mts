/** Builds dist/ afresh (scripts/build.mjs); resolves with its path. */
export function buildDist(): Promise<string>;
