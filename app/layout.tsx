import type { Metadata, Viewport } from "next";
import "./globals.css";
import { QueryProvider } from "@/components/app-shell/query-provider";

export const metadata: Metadata = {
  title: { default: "Broadcast", template: "%s · Broadcast" },
  description: "Ship every LLM trace to your own S3 bucket.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-dvh antialiased">
        {/* The sidebar lives in app/settings/layout.tsx: signed-out pages (sign-in, setup) have none. */}
        <QueryProvider>{children}</QueryProvider>
      </body>
    </html>
  );
}
