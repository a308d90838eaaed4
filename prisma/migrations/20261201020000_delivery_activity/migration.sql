-- Writes and failed attempts per destination per minute, for the chart on each destination card.
-- Delivered rows themselves are reclaimed after ~10 minutes (lib/delivery/storage-reclaim.ts), so
-- the hour the chart shows needs its own small table; rows older than two hours are pruned.
CREATE TABLE "delivery_activity" (
    "destination_id" UUID NOT NULL,
    "minute" TIMESTAMPTZ(3) NOT NULL,
    "written" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "delivery_activity_pkey" PRIMARY KEY ("destination_id","minute")
);

ALTER TABLE "delivery_activity" ADD CONSTRAINT "delivery_activity_destination_id_fkey" FOREIGN KEY ("destination_id") REFERENCES "destinations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
