export declare const LOCAL_BUCKET: string;
export declare function localS3Directory(root: string): string;
export declare function startLocalS3(options: { root: string; port: number }): Promise<{
  endpoint: string;
  port: number;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  directory: string;
  close: () => Promise<void>;
}>;
