-- The queued event is only ever written and read back whole: json stores the text as sent, jsonb
-- would parse it into its binary form on insert and print it again on every read.
-- AlterTable
ALTER TABLE "traces" ALTER COLUMN "event" SET DATA TYPE JSON;
