START TRANSACTION;
CREATE TABLE "Leases" (
    "Name" character varying(64) NOT NULL,
    "Holder" character varying(64) NOT NULL,
    "ExpiresAtUtc" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_Leases" PRIMARY KEY ("Name")
);

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261202210423_Leases', '10.0.15');

COMMIT;

