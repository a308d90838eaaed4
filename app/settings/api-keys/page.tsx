import type { Metadata } from "next";
import { ApiKeysPage } from "@/components/api-keys/api-keys-page";
import { loadApiKeys } from "./actions";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "API Keys" };

export default async function ApiKeysSettingsPage() {
  return <ApiKeysPage initialKeys={await loadApiKeys()} />;
}
