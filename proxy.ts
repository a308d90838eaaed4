import { NextResponse, type NextRequest } from "next/server";

// An early redirect for signed-out browsers, from the cookie's presence alone. Not the security
// boundary: pages, server actions and route handlers each check the session themselves
// (lib/platform/auth/session.ts), so a forged or stale cookie gets past this and is refused there.

const SESSION_COOKIES = ["better-auth.session_token", "__Secure-better-auth.session_token"];

export function proxy(request: NextRequest) {
  const hasSessionCookie = SESSION_COOKIES.some((name) => request.cookies.has(name));
  if (hasSessionCookie) return NextResponse.next();
  return NextResponse.redirect(new URL("/sign-in", request.url));
}

export const config = {
  // Everything except the signed-out pages, the APIs (/api/…, OTLP /v1/…: own auth or public, among
  // them /api/health and /api/ready), /metrics (its own bearer token, for Prometheus), and static files.
  matcher: ["/((?!sign-in|setup|api/|v1/|metrics$|_next/|favicon\\.ico|.*\\.(?:png|svg|ico|txt)$).*)"],
};
