export declare const apiContentSecurityPolicy: string;
export declare const securityHeaders: { key: string; value: string }[];
