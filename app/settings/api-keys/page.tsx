import type { Metadata } from "next";
import { requirePageSession } from "@/lib/auth/session";
import { ApiKeysPage } from "@/components/api-keys/api-keys-page";
import { loadApiKeys } from "./actions";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "API Keys" };

export default async function ApiKeysSettingsPage() {
  await requirePageSession();
  return <ApiKeysPage initialKeys={await loadApiKeys()} />;
}
