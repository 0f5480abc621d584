-- CreateTable
CREATE TABLE "DirectLineConversation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "createdAt" DATETIME NOT NULL,
    "lastSeenAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "DirectLineActivity" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "conversationId" TEXT NOT NULL,
    "activity" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ActivityConversation" (
    "contactId" TEXT NOT NULL PRIMARY KEY,
    "channelId" TEXT NOT NULL,
    "serviceUrl" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "botId" TEXT NOT NULL,
    "botName" TEXT,
    "userId" TEXT NOT NULL,
    "userName" TEXT,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "DirectLineActivity_conversationId_id_idx" ON "DirectLineActivity"("conversationId", "id");
