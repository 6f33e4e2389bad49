BEGIN TRANSACTION;
CREATE TABLE "Leases" (
    "Name" TEXT NOT NULL CONSTRAINT "PK_Leases" PRIMARY KEY,
    "Holder" TEXT NOT NULL,
    "ExpiresAtUtc" TEXT NOT NULL
);

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261202210357_Leases', '10.0.15');

COMMIT;

