-- CreateIndex
CREATE INDEX "OutboxMessage_status_contactId_id_idx" ON "OutboxMessage"("status", "contactId", "id");
