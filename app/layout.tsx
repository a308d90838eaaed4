import type { Metadata, Viewport } from "next";
import "./globals.css";
import { AppSidebar } from "@/components/app-sidebar";
import { QueryProvider } from "@/components/query-provider";

export const metadata: Metadata = {
  title: { default: "Broadcast", template: "%s · Broadcast" },
  description: "Ship every LLM trace to your own S3 bucket.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-dvh antialiased">
        <QueryProvider>
          <div className="flex min-h-dvh flex-col md:flex-row">
            <AppSidebar />
            <main className="min-w-0 flex-1 px-4 py-6 md:px-10 md:py-10">{children}</main>
          </div>
        </QueryProvider>
      </body>
    </html>
  );
}
