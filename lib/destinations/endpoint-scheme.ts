import { endpointHostPort, isAllowedEndpoint, type AllowedEndpoint } from "@/lib/platform/s3/allowed-endpoints";
import { blockedSchemeReason } from "@/lib/platform/s3/endpoint-guard";

export const HTTPS_REQUIRED_MESSAGE =
  "Custom Endpoint must use https://. Plain http:// is only allowed for endpoints listed in BROADCAST_ALLOWED_ENDPOINTS.";

/** The Custom Endpoint field's message when its scheme is refused, before anything is contacted. */
export function endpointSchemeError(endpoint: string, allowed: AllowedEndpoint[]): string | null {
  if (!endpoint.trim()) return null;
  let url: URL;
  try {
    url = new URL(endpoint.trim());
  } catch {
    return null; // the form schema already reported it
  }
  const { host, port } = endpointHostPort(url);
  return blockedSchemeReason(url, isAllowedEndpoint(allowed, host, port)) ? HTTPS_REQUIRED_MESSAGE : null;
}
