"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { KeyRound, LogOut, Radio, ScrollText, Users } from "lucide-react";
import { signOut } from "@/lib/users/sign-in-actions";
import { useCanEdit, useCanManageUsers, useSessionInfo } from "@/components/app-shell/session-context";
import { cn } from "@/components/ui/cn";

export function AppSidebar() {
  const pathname = usePathname();
  const session = useSessionInfo();
  const canEdit = useCanEdit();
  const canManageUsers = useCanManageUsers();
  const settingsLinks = [
    { href: "/settings/observability", label: "Observability", icon: Radio },
    { href: "/settings/api-keys", label: "API Keys", icon: KeyRound },
    ...(canManageUsers ? [{ href: "/settings/users", label: "Users", icon: Users }] : []),
    ...(canEdit ? [{ href: "/settings/audit-log", label: "Audit Log", icon: ScrollText }] : []),
  ];
  return (
    <aside className="border-b bg-card md:flex md:w-60 md:shrink-0 md:flex-col md:border-r md:border-b-0">
      <div className="flex items-center gap-2 px-5 py-4 text-base font-semibold">
        <span aria-hidden className="inline-block size-2.5 rounded-full bg-primary" />
        Broadcast
      </div>
      <nav aria-label="Main" className="px-3 pb-3 md:pb-6">
        <p className="px-2 pb-1 text-xs font-medium tracking-wide text-muted-foreground uppercase" id="nav-settings">
          Settings
        </p>
        <ul aria-labelledby="nav-settings" className="flex flex-wrap gap-1 md:flex-col">
          {settingsLinks.map(({ href, label, icon: Icon }) => {
            const active = pathname === href;
            return (
              <li key={href}>
                <Link
                  href={href}
                  aria-current={active ? "page" : undefined}
                  className={cn(
                    "flex items-center gap-2 rounded-md px-2 py-1.5 text-sm hover:bg-muted",
                    active && "bg-muted font-medium",
                  )}
                >
                  <Icon aria-hidden className="size-4" />
                  {label}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      {session && (
        <div className="border-t px-5 py-3 text-sm md:mt-auto">
          <p className="truncate font-medium" title={session.email}>
            {session.email}
          </p>
          <p className="text-xs text-muted-foreground capitalize">{session.role}</p>
          <form action={signOut} className="pt-2">
            <button type="submit" className="flex items-center gap-1.5 text-sm text-muted-foreground hover:text-foreground">
              <LogOut aria-hidden className="size-4" />
              Sign out
            </button>
          </form>
        </div>
      )}
    </aside>
  );
}
