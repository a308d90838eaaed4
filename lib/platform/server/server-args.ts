// The production server takes `next start`'s address options, so scripts and operators can switch
// between the two without changes: -p/--port (else PORT, else 3000), -H/--hostname (else all addresses).

export type ServerArgs = { port: number; hostname: string | undefined };

export function parseServerArgs(argv: string[], env: { PORT?: string | undefined }): ServerArgs {
  let port: string | undefined = env.PORT?.trim() || undefined;
  let hostname: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [flag, inline] = arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = () => inline ?? argv[++i];
    if (flag === "-p" || flag === "--port") port = value();
    else if (flag === "-H" || flag === "--hostname") hostname = value();
    else throw new Error(`unknown option ${arg} (this server takes -p/--port and -H/--hostname)`);
  }
  const number = Number(port ?? 3000);
  if (!Number.isInteger(number) || number < 0 || number > 65_535) throw new Error(`the port must be a whole number from 0 to 65535; got "${port}"`);
  return { port: number, hostname: hostname || undefined };
}
