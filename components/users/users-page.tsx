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
  viewer: "sees everything except secrets, changes nothing",
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
          <table className="w-full text-sm">
            <thead className="text-left text-xs text-muted-foreground">
              <tr>
                <th className="py-2 font-medium">Name</th>
                <th className="py-2 font-medium">Email</th>
                <th className="py-2 font-medium">Role</th>
                <th className="py-2" />
              </tr>
            </thead>
            <tbody>
              {users.map((user) => (
                <tr key={user.id} className="border-t">
                  <td className="py-2">{user.name}</td>
                  <td className="py-2">{user.email}</td>
                  <td className="py-2">
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
                  <td className="py-2 text-right">
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
