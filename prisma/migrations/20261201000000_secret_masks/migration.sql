-- Masks are stored beside the encrypted secrets so listing destinations never decrypts. SQL cannot
-- decrypt, so existing rows keep NULL here until boot (reencryptDestinationSecrets) backfills them.
-- AlterTable
ALTER TABLE "destinations" ADD COLUMN     "secret_access_key_mask" TEXT,
ADD COLUMN     "session_token_mask" TEXT;

