import type { Metadata } from "next";
import { requirePageSession } from "@/lib/platform/auth/session";
import { ApiKeysPage } from "@/components/api-keys/api-keys-page";
import { loadApiKeys } from "@/lib/api-keys/api-key-actions";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "API Keys" };

export default async function ApiKeysSettingsPage() {
  await requirePageSession();
  return <ApiKeysPage initialKeys={await loadApiKeys()} />;
}
