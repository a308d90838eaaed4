export const BUILD_INPUTS: string[];
export function isBuildFresh(root: string): boolean;
