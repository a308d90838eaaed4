import { NextResponse, type NextRequest } from "next/server";
import { getEnv } from "@/lib/platform/env/env";
import { HSTS, isHttpsDeployment, newNonce, pageContentSecurityPolicy } from "@/lib/platform/http/security-headers";

// Every page passes here: it gets a nonce-based Content-Security-Policy (and HSTS when
// BROADCAST_PUBLIC_URL is https), and a signed-out browser is redirected early, from the cookie's
// presence alone. That redirect is not the security boundary: pages, server actions and route
// handlers each check the session themselves (lib/platform/auth/session.ts), so a forged or stale
// cookie gets past this and is refused there.

const SESSION_COOKIES = ["better-auth.session_token", "__Secure-better-auth.session_token"];
const SIGNED_OUT_PAGES = /^\/(?:sign-in|setup)(?:\/|$)/;

export function proxy(request: NextRequest) {
  const hasSessionCookie = SESSION_COOKIES.some((name) => request.cookies.has(name));
  if (!hasSessionCookie && !SIGNED_OUT_PAGES.test(request.nextUrl.pathname)) {
    return secured(NextResponse.redirect(new URL("/sign-in", request.url)));
  }
  const policy = pageContentSecurityPolicy(newNonce(), getEnv().NODE_ENV === "development");
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  return secured(response);
}

function secured(response: NextResponse): NextResponse {
  if (isHttpsDeployment()) response.headers.set("Strict-Transport-Security", HSTS);
  return response;
}

export const config = {
  // Every page; not the APIs (/api/…, OTLP /v1/…: own auth, JSON answers; among them /api/health and
  // /api/ready), /metrics (its own bearer token, for Prometheus), Next's files or static files.
  matcher: ["/((?!api/|v1/|metrics$|_next/|favicon\\.ico|.*\\.(?:png|svg|ico|txt)$).*)"],
};
