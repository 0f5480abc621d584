-- CreateTable
CREATE TABLE "ProcessBeat" (
    "holder" TEXT NOT NULL,
    "beatAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProcessBeat_pkey" PRIMARY KEY ("holder")
);

-- CreateTable
CREATE TABLE "SendPace" (
    "key" TEXT NOT NULL,
    "nextAt" BIGINT NOT NULL,

    CONSTRAINT "SendPace_pkey" PRIMARY KEY ("key")
);
