export declare function listLocalObjects(directory: string, prefix?: string): Array<{ key: string; bytes: number; file: string }>;
