-- Routing per destination (issue 14): sampling, API-key allowlist, filter rules. Existing rows get
-- the defaults (every trace, every key, no filter), so delivery is unchanged until someone sets them.
-- API keys gain a scope; existing keys stay ingest keys.
-- AlterTable
ALTER TABLE "destinations" ADD COLUMN     "api_key_ids" JSONB,
ADD COLUMN     "filter_rules" JSONB,
ADD COLUMN     "sampling_rate" DOUBLE PRECISION NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "api_keys" ADD COLUMN     "scope" TEXT NOT NULL DEFAULT 'ingest';

