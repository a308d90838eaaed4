-- The default Path Template becomes "{prefix}/{date}" (so editing Prefix changes the path). A blank
-- stored template means "the default", so destinations saved blank before this change would move to
-- a new folder if their prefix is not the default one; pin them to the old default's exact text.
UPDATE "destinations" SET "path_template" = 'openrouter-traces/{date}' WHERE btrim("path_template") = '';
