-- AlterTable
ALTER TABLE "destinations" ADD COLUMN     "last_error_at" TIMESTAMPTZ(3),
ADD COLUMN     "last_error_code" TEXT,
ADD COLUMN     "last_error_message" TEXT,
ADD COLUMN     "last_success_at" TIMESTAMPTZ(3),
ADD COLUMN     "pause_code" TEXT,
ADD COLUMN     "pause_message" TEXT,
ADD COLUMN     "paused_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "traces" (
    "id" UUID NOT NULL,
    "event" JSONB NOT NULL,
    "api_key_name" TEXT NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "traces_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "deliveries" (
    "id" UUID NOT NULL,
    "trace_id" UUID NOT NULL,
    "destination_id" UUID NOT NULL,
    "object_key" TEXT NOT NULL,
    "privacy_mode" BOOLEAN NOT NULL,
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
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "deliveries_status_next_attempt_at_idx" ON "deliveries"("status", "next_attempt_at");

-- CreateIndex
CREATE INDEX "deliveries_destination_id_status_idx" ON "deliveries"("destination_id", "status");

-- CreateIndex
CREATE INDEX "deliveries_trace_id_idx" ON "deliveries"("trace_id");

-- AddForeignKey
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_trace_id_fkey" FOREIGN KEY ("trace_id") REFERENCES "traces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_destination_id_fkey" FOREIGN KEY ("destination_id") REFERENCES "destinations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

