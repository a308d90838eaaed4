import { AuthCard } from "./auth-card";

/** /setup without the printed link: says where the link is, and offers no form to abuse. */
export function SetupLinkNeeded({ tokenGiven }: { tokenGiven: boolean }) {
  return (
    <AuthCard
      title="Open the setup link"
      description="This install has no accounts yet. Only someone who can see the server's start-up log may create the owner account."
    >
      <div className="space-y-3 text-sm">
        {tokenGiven && (
          <p role="alert" className="font-medium text-destructive">
            This setup link is not valid. The server prints a new one each time it starts.
          </p>
        )}
        <p>
          Open the link printed in the start-up log: it reads <code className="break-all">http://localhost:3000/setup?token=…</code>.
        </p>
        <p className="text-muted-foreground">
          Unattended installs can set <code>BROADCAST_ADMIN_EMAIL</code> and <code>BROADCAST_ADMIN_PASSWORD</code> instead.
        </p>
      </div>
    </AuthCard>
  );
}
