import { AppSidebar } from "@/components/app-shell/app-sidebar";
import { SessionProvider } from "@/components/app-shell/session-context";
import { requirePageSession } from "@/lib/platform/auth/session";

export const dynamic = "force-dynamic";

// Layouts render alongside their pages, so this is not the access check: each page and action checks
// the session itself. This only gives the sidebar and the controls the signed-in user's role.
export default async function SettingsLayout({ children }: { children: React.ReactNode }) {
  const user = await requirePageSession();
  const session = { email: user.email, name: user.name, role: user.role };
  return (
    <SessionProvider session={session}>
      <div className="flex min-h-dvh flex-col md:flex-row">
        <AppSidebar />
        <main className="min-w-0 flex-1 px-4 py-6 md:px-10 md:py-10">{children}</main>
      </div>
    </SessionProvider>
  );
}
