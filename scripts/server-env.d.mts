export const MALLOC_TRIM_THRESHOLD: string;
export function withServerMemoryEnv<T extends Record<string, string | undefined>>(env: T): T;
