import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { SignInForm } from "@/components/auth/sign-in-form";
import { getSessionUser } from "@/lib/platform/auth/session";
import { countUsers } from "@/lib/users/user-store";
import { db } from "@/lib/platform/db/client";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage() {
  if (await getSessionUser()) redirect("/settings/observability");
  if ((await countUsers(await db())) === 0) redirect("/setup");
  return (
    <AuthCard title="Sign in to Broadcast" description="Use the email and password your Broadcast owner gave you.">
      <SignInForm />
    </AuthCard>
  );
}
