-- DropIndex
DROP INDEX "deliveries_destination_id_status_idx";

-- AlterTable
ALTER TABLE "destinations" ADD COLUMN     "delivered_count" BIGINT NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "deliveries_destination_id_status_delivered_at_idx" ON "deliveries"("destination_id", "status", "delivered_at");

