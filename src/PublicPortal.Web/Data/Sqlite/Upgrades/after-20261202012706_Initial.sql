BEGIN TRANSACTION;
CREATE TABLE "ChangeRecords" (
    "Sequence" INTEGER NOT NULL CONSTRAINT "PK_ChangeRecords" PRIMARY KEY AUTOINCREMENT,
    "AtUtc" TEXT NOT NULL,
    "ContentItemId" INTEGER NULL,
    "Kind" TEXT NULL,
    "Slug" TEXT NOT NULL,
    "OldSlug" TEXT NULL,
    "Change" TEXT NOT NULL,
    "Touches" TEXT NOT NULL,
    "Actor" TEXT NOT NULL
);

CREATE TABLE "ItemViewCounts" (
    "ContentItemId" INTEGER NOT NULL CONSTRAINT "PK_ItemViewCounts" PRIMARY KEY,
    "Views" INTEGER NOT NULL,
    CONSTRAINT "FK_ItemViewCounts_ContentItems_ContentItemId" FOREIGN KEY ("ContentItemId") REFERENCES "ContentItems" ("Id") ON DELETE CASCADE
);

INSERT INTO "ItemViewCounts" ("ContentItemId", "Views") SELECT "Id", "ViewCount" FROM "ContentItems" WHERE "ViewCount" > 0;

CREATE INDEX "IX_ChangeRecords_ContentItemId_AtUtc" ON "ChangeRecords" ("ContentItemId", "AtUtc");

CREATE TABLE "ef_temp_ContentItems" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ContentItems" PRIMARY KEY AUTOINCREMENT,
    "Attachment" TEXT NULL,
    "Body" TEXT NOT NULL,
    "CoverAlt" TEXT NULL,
    "CoverImage" TEXT NULL,
    "Craft" TEXT NULL,
    "DatePrecision" INTEGER NOT NULL,
    "DocumentNumber" TEXT NULL,
    "DocumentSlug" TEXT NULL,
    "DocumentType" TEXT NULL,
    "EffectiveOn" TEXT NULL,
    "IssuedOn" TEXT NULL,
    "Issuer" TEXT NULL,
    "Kind" TEXT NOT NULL,
    "Locality" TEXT NULL,
    "ParentSlug" TEXT NULL,
    "Period" TEXT NULL,
    "Photos" TEXT NULL,
    "Product" TEXT NULL,
    "PublishedAtUtc" TEXT NOT NULL,
    "Route" TEXT NULL,
    "SearchText" TEXT NOT NULL,
    "Sight" TEXT NULL,
    "Signer" TEXT NULL,
    "Slug" TEXT NOT NULL,
    "Sources" TEXT NULL,
    "Status" TEXT NOT NULL,
    "Summary" TEXT NULL,
    "Targets" TEXT NULL,
    "Tasks" TEXT NULL,
    "Title" TEXT NOT NULL,
    "UpdatedAtUtc" TEXT NULL,
    "Version" INTEGER NOT NULL,
    "Village" TEXT NULL
);

INSERT INTO "ef_temp_ContentItems" ("Id", "Attachment", "Body", "CoverAlt", "CoverImage", "Craft", "DatePrecision", "DocumentNumber", "DocumentSlug", "DocumentType", "EffectiveOn", "IssuedOn", "Issuer", "Kind", "Locality", "ParentSlug", "Period", "Photos", "Product", "PublishedAtUtc", "Route", "SearchText", "Sight", "Signer", "Slug", "Sources", "Status", "Summary", "Targets", "Tasks", "Title", "UpdatedAtUtc", "Version", "Village")
SELECT "Id", "Attachment", "Body", "CoverAlt", "CoverImage", "Craft", "DatePrecision", "DocumentNumber", "DocumentSlug", "DocumentType", "EffectiveOn", "IssuedOn", "Issuer", "Kind", "Locality", "ParentSlug", "Period", "Photos", "Product", "PublishedAtUtc", "Route", "SearchText", "Sight", "Signer", "Slug", "Sources", "Status", "Summary", "Targets", "Tasks", "Title", "UpdatedAtUtc", "Version", "Village"
FROM "ContentItems";

COMMIT;

PRAGMA foreign_keys = 0;

BEGIN TRANSACTION;
DROP TABLE "ContentItems";

ALTER TABLE "ef_temp_ContentItems" RENAME TO "ContentItems";

COMMIT;

PRAGMA foreign_keys = 1;

BEGIN TRANSACTION;
CREATE UNIQUE INDEX "IX_ContentItems_Kind_Slug" ON "ContentItems" ("Kind", "Slug");

CREATE INDEX "IX_ContentItems_Kind_Status_PublishedAtUtc" ON "ContentItems" ("Kind", "Status", "PublishedAtUtc");

COMMIT;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261202014414_ChangeFeedAndViewCounts', '10.0.15');

BEGIN TRANSACTION;
CREATE TABLE "DataProtectionKeys" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_DataProtectionKeys" PRIMARY KEY AUTOINCREMENT,
    "FriendlyName" TEXT NULL,
    "Xml" TEXT NULL
);

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261202164721_DataProtectionKeys', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "Leases" (
    "Name" TEXT NOT NULL CONSTRAINT "PK_Leases" PRIMARY KEY,
    "Holder" TEXT NOT NULL,
    "ExpiresAtUtc" TEXT NOT NULL
);

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261202210357_Leases', '10.0.15');

COMMIT;

