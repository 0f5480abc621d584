-- CreateTable
CREATE TABLE "DirectLineConversation" (
    "id" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DirectLineConversation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DirectLineActivity" (
    "id" SERIAL NOT NULL,
    "conversationId" TEXT NOT NULL,
    "activity" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DirectLineActivity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ActivityConversation" (
    "contactId" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "serviceUrl" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "botId" TEXT NOT NULL,
    "botName" TEXT,
    "userId" TEXT NOT NULL,
    "userName" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ActivityConversation_pkey" PRIMARY KEY ("contactId")
);

-- CreateIndex
CREATE INDEX "DirectLineActivity_conversationId_id_idx" ON "DirectLineActivity"("conversationId", "id");
