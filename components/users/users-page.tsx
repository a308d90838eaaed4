"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { removeUser, setUserRole } from "@/lib/users/user-actions";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ROLES, type Role } from "@/lib/core/roles";
import type { UserView } from "@/lib/users/user-store";
import { CreateUserForm } from "./create-user-form";

const ROLE_HELP: Record<Role, string> = {
  owner: "everything, including users",
  admin: "settings, destinations and API keys",
  viewer: "sees destinations, delivery health and API keys (never secrets) but changes nothing, and cannot open Users or the Audit Log",
};

/** The Users page: the list comes from the server page; every change refreshes it. */
export function UsersPage({ users, currentUserId }: { users: UserView[]; currentUserId: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();

  function run(change: () => Promise<{ ok: boolean; formError?: string }>) {
    startTransition(async () => {
      const result = await change();
      setError(result.ok ? null : (result.formError ?? "The change was refused."));
      router.refresh();
    });
  }

  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">Users</h1>
        <p className="text-sm text-muted-foreground">
          Roles: {ROLES.map((role) => `${role} (${ROLE_HELP[role]})`).join("; ")}.
        </p>
      </header>

      <Card aria-labelledby="create-user-title">
        <CardHeader>
          <CardTitle id="create-user-title">Create user</CardTitle>
          <CardDescription>They sign in with this email and password.</CardDescription>
        </CardHeader>
        <CardContent>
          <CreateUserForm onCreated={() => router.refresh()} />
        </CardContent>
      </Card>

      <Card aria-labelledby="user-list-title">
        <CardHeader>
          <CardTitle id="user-list-title">Users</CardTitle>
        </CardHeader>
        <CardContent className="space-y-3">
          {error && (
            <p role="alert" className="text-sm font-medium text-destructive">
              {error}
            </p>
          )}
          {/* Rows stack as cards below the sm breakpoint; explicit roles keep the table semantics that
              display:block would otherwise drop for screen readers. */}
          <table role="table" className="block w-full text-sm sm:table">
            <thead className="sr-only sm:not-sr-only sm:table-header-group">
              <tr role="row" className="text-left text-xs text-muted-foreground">
                <th role="columnheader" className="py-2 font-medium">Name</th>
                <th role="columnheader" className="py-2 font-medium">Email</th>
                <th role="columnheader" className="py-2 font-medium">Role</th>
                <th role="columnheader" className="py-2">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="block sm:table-row-group">
              {users.map((user) => (
                <tr key={user.id} role="row" className="block border-t py-2 sm:table-row sm:py-0">
                  <td role="cell" className="block py-1 font-medium sm:table-cell sm:py-2 sm:font-normal">
                    {user.name}
                  </td>
                  <td role="cell" className="block py-1 break-all text-muted-foreground sm:table-cell sm:py-2 sm:text-foreground">
                    {user.email}
                  </td>
                  <td role="cell" className="block py-1 sm:table-cell sm:py-2">
                    <select
                      aria-label={`Role of ${user.email}`}
                      className="h-8 rounded-md border bg-background px-2 capitalize"
                      value={user.role}
                      disabled={isPending}
                      onChange={(event) => run(() => setUserRole(user.id, event.target.value))}
                    >
                      {ROLES.map((role) => (
                        <option key={role} value={role}>
                          {role}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td role="cell" className="block py-1 sm:table-cell sm:py-2 sm:text-right">
                    {user.id !== currentUserId && (
                      <Button variant="outline" size="sm" disabled={isPending} onClick={() => run(() => removeUser(user.id))}>
                        Remove {user.name}
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </CardContent>
      </Card>
    </div>
  );
}
