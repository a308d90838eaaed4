import { getEnv } from "@/lib/platform/env/env";

// The per-request security headers of the pages (proxy.ts sets them; the static ones live in
// next.config.js). Scripts run under a nonce: Next.js finds it in the request's
// Content-Security-Policy header and puts it on its own inline scripts; 'strict-dynamic' lets the
// scripts those load run too. Styles keep 'unsafe-inline' (Next and Radix set inline styles).

/** Whether people reach the app over https (BROADCAST_PUBLIC_URL): Secure cookies and HSTS then. */
export function isHttpsDeployment(publicUrl: string | undefined = getEnv().BROADCAST_PUBLIC_URL): boolean {
  return publicUrl?.startsWith("https:") ?? false;
}

export const HSTS = "max-age=31536000";

export function pageContentSecurityPolicy(nonce: string, development: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** A fresh nonce per response (128 bits, base64). */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}
