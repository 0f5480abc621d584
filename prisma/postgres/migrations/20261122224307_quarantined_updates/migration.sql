-- CreateTable
CREATE TABLE "QuarantinedUpdate" (
    "id" SERIAL NOT NULL,
    "channel" TEXT NOT NULL,
    "platformKey" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "error" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "QuarantinedUpdate_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "QuarantinedUpdate_channel_platformKey_key" ON "QuarantinedUpdate"("channel", "platformKey");
