-- Batched NDJSON files and write options (issue 15). A batched delivery is a line of a batch file:
-- the batch's set of traces (deliveries.batch_id) and its key are committed before its first PUT.
-- Batched deliveries wait with next_attempt_at = 'infinity' so the per-trace claim never scans them.
-- AlterTable
ALTER TABLE "destinations" ADD COLUMN     "batch_max_mb" INTEGER NOT NULL DEFAULT 16,
ADD COLUMN     "batch_max_seconds" INTEGER NOT NULL DEFAULT 60,
ADD COLUMN     "delivered_files" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "file_layout" TEXT NOT NULL DEFAULT 'per_trace',
ADD COLUMN     "gzip" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "kms_key_id" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "server_side_encryption" TEXT NOT NULL DEFAULT 'none',
ADD COLUMN     "storage_class" TEXT NOT NULL DEFAULT 'STANDARD';

-- AlterTable
ALTER TABLE "deliveries" ADD COLUMN     "batch_id" UUID,
ADD COLUMN     "batched" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "batches" (
    "id" UUID NOT NULL,
    "destination_id" UUID NOT NULL,
    "object_key" TEXT NOT NULL,
    "gzip" BOOLEAN NOT NULL,
    "trace_count" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "locked_by" TEXT,
    "locked_until" TIMESTAMPTZ(3),
    "last_error_code" TEXT,
    "last_error" TEXT,
    "last_attempt_at" TIMESTAMPTZ(3),
    "delivered_at" TIMESTAMPTZ(3),
    "bytes" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "batches_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "batches_status_next_attempt_at_idx" ON "batches"("status", "next_attempt_at");

-- CreateIndex
CREATE INDEX "batches_destination_id_status_idx" ON "batches"("destination_id", "status");

-- CreateIndex
CREATE INDEX "deliveries_batch_id_idx" ON "deliveries"("batch_id");

-- AddForeignKey
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_batch_id_fkey" FOREIGN KEY ("batch_id") REFERENCES "batches"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "batches" ADD CONSTRAINT "batches_destination_id_fkey" FOREIGN KEY ("destination_id") REFERENCES "destinations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

