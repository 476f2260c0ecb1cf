-- Rows delivered before the status column existed are sent, not pending (custom: data, not schema).
UPDATE "email_outbox" SET "status" = 'sent' WHERE "sent_at" IS NOT NULL;
