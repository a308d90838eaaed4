// BROADCAST_ALLOWED_ENDPOINTS: comma-separated `host:port` entries that a Custom Endpoint may point
// at even though they resolve to private or loopback addresses (self-hosted MinIO, the local demo
// bucket). Everything else that resolves to such an address is refused (see lib/s3/endpoint-guard.ts).

export type AllowedEndpoint = { host: string; port: number };

export function parseAllowedEndpoints(raw: string | undefined): AllowedEndpoint[] {
  if (!raw) return [];
  const out: AllowedEndpoint[] = [];
  for (const part of raw.split(",")) {
    const entry = part.trim();
    if (!entry) continue;
    const match = /^\[?([^\]]+?)\]?:(\d{1,5})$/.exec(entry);
    const port = match ? Number(match[2]) : NaN;
    if (!match?.[1] || !(port > 0 && port < 65536)) {
      throw new Error(`BROADCAST_ALLOWED_ENDPOINTS: "${entry}" is not a host:port entry (for example 127.0.0.1:9000).`);
    }
    out.push({ host: match[1].toLowerCase(), port });
  }
  return out;
}

export function endpointHostPort(endpoint: URL): AllowedEndpoint {
  const host = endpoint.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  const port = endpoint.port ? Number(endpoint.port) : endpoint.protocol === "https:" ? 443 : 80;
  return { host, port };
}

export function isAllowedEndpoint(allowed: AllowedEndpoint[], host: string, port: number): boolean {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  return allowed.some((a) => a.host === h && a.port === port);
}
