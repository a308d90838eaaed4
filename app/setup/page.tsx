import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { OwnerSetupForm } from "@/components/auth/owner-setup-form";
import { SetupLinkNeeded } from "@/components/auth/setup-link-needed";
import { countUsers } from "@/lib/users/user-store";
import { isSetupToken } from "@/lib/users/setup-token";
import { db } from "@/lib/platform/db/client";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Create owner account" };

export default async function SetupPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  // Only a fresh install shows this page; createOwner refuses on its own once an account exists.
  if ((await countUsers(await db())) > 0) redirect("/sign-in");
  const { token } = await searchParams;
  if (typeof token !== "string" || !isSetupToken(token)) return <SetupLinkNeeded tokenGiven={token !== undefined} />;
  return (
    <AuthCard title="Create owner account" description="This install has no accounts yet. The owner can change every setting and add other users.">
      <OwnerSetupForm token={token} />
    </AuthCard>
  );
}
