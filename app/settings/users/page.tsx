import type { Metadata } from "next";
import { UsersPage } from "@/components/users/users-page";
import { requirePageSession } from "@/lib/platform/auth/session";
import { loadUsers } from "@/lib/users/user-actions";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Users" };

export default async function UsersSettingsPage() {
  const user = await requirePageSession("owner");
  return <UsersPage users={await loadUsers()} currentUserId={user.id} />;
}
