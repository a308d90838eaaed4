import { db } from "@/lib/db/client";

export const dynamic = "force-dynamic";

export default async function ObservabilityPage() {
  const prisma = await db();
  const setting = await prisma.setting.findUnique({ where: { id: 1 } });
  return (
    <div>
      <h1 className="text-2xl font-semibold">Broadcast</h1>
      <p>{setting?.broadcastEnabled ? "on" : "off"}</p>
    </div>
  );
}
