export const MALLOC_TRIM_THRESHOLD: string;
export function withServerMemoryEnv<T extends Record<string, string | undefined>>(env: T): T;
export const HEAP_GROWING_PERCENT: number;
export function withServerNodeFlags(operatorFlags?: readonly string[], nodeOptions?: string): string[];
export function operatorTunedHeap(flags: readonly string[], nodeOptions: string): boolean;
