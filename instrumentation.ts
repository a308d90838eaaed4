// Runs once when the Next.js server process starts, before it serves a request: validate the
// configuration and open (and migrate) the database now, so a bad setting stops start-up with one
// clear message instead of failing the first user's save.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { bootServer } = await import("./lib/platform/runtime/boot");
  await bootServer();
}
