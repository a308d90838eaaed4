export declare const SERVER_BUNDLE_DIR: string;
export declare const SERVER_ENTRY: string;
export declare function buildServer(options?: { outdir?: string; entries?: ("server" | "s3-thread")[] }): Promise<string>;
