CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
    "MigrationId" TEXT NOT NULL CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY,
    "ProductVersion" TEXT NOT NULL
);

BEGIN TRANSACTION;
CREATE TABLE "AspNetRoles" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetRoles" PRIMARY KEY,
    "Name" TEXT NULL,
    "NormalizedName" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL
);

CREATE TABLE "AspNetUsers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetUsers" PRIMARY KEY,
    "DisplayName" TEXT NULL,
    "UserName" TEXT NULL,
    "NormalizedUserName" TEXT NULL,
    "Email" TEXT NULL,
    "NormalizedEmail" TEXT NULL,
    "EmailConfirmed" INTEGER NOT NULL,
    "PasswordHash" TEXT NULL,
    "SecurityStamp" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL,
    "PhoneNumber" TEXT NULL,
    "PhoneNumberConfirmed" INTEGER NOT NULL,
    "TwoFactorEnabled" INTEGER NOT NULL,
    "LockoutEnd" TEXT NULL,
    "LockoutEnabled" INTEGER NOT NULL,
    "AccessFailedCount" INTEGER NOT NULL
);

CREATE TABLE "AuditEntries" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AuditEntries" PRIMARY KEY AUTOINCREMENT,
    "AtUtc" TEXT NOT NULL,
    "Actor" TEXT NOT NULL,
    "Action" TEXT NOT NULL,
    "Target" TEXT NULL,
    "Summary" TEXT NOT NULL
);

CREATE TABLE "ContentItems" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ContentItems" PRIMARY KEY AUTOINCREMENT,
    "Kind" TEXT NOT NULL,
    "Slug" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "Summary" TEXT NULL,
    "Body" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "PublishedAtUtc" TEXT NOT NULL,
    "DatePrecision" INTEGER NOT NULL,
    "CoverImage" TEXT NULL,
    "CoverAlt" TEXT NULL,
    "ViewCount" INTEGER NOT NULL,
    "Version" INTEGER NOT NULL,
    "UpdatedAtUtc" TEXT NULL,
    "SearchText" TEXT NOT NULL,
    "DocumentType" TEXT NULL,
    "DocumentNumber" TEXT NULL,
    "Issuer" TEXT NULL,
    "Signer" TEXT NULL,
    "IssuedOn" TEXT NULL,
    "EffectiveOn" TEXT NULL,
    "Attachment" TEXT NULL,
    "Period" TEXT NULL,
    "ParentSlug" TEXT NULL,
    "DocumentSlug" TEXT NULL,
    "Craft" TEXT NULL,
    "Locality" TEXT NULL,
    "Photos" TEXT NULL,
    "Product" TEXT NULL,
    "Route" TEXT NULL,
    "Sight" TEXT NULL,
    "Sources" TEXT NULL,
    "Targets" TEXT NULL,
    "Tasks" TEXT NULL,
    "Village" TEXT NULL
);

CREATE TABLE "DailyTraffic" (
    "Day" TEXT NOT NULL CONSTRAINT "PK_DailyTraffic" PRIMARY KEY,
    "Visits" INTEGER NOT NULL,
    "PageViews" INTEGER NOT NULL,
    "BotRequests" INTEGER NOT NULL
);

CREATE TABLE "Enquiries" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Enquiries" PRIMARY KEY AUTOINCREMENT,
    "ProductSlug" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Contact" TEXT NOT NULL,
    "Message" TEXT NOT NULL,
    "CreatedAtUtc" TEXT NOT NULL,
    "Handled" INTEGER NOT NULL,
    "Reference" TEXT NULL,
    "Fingerprint" TEXT NULL
);

CREATE TABLE "ItemDailyViews" (
    "Kind" TEXT NOT NULL,
    "Slug" TEXT NOT NULL,
    "Day" TEXT NOT NULL,
    "Views" INTEGER NOT NULL,
    CONSTRAINT "PK_ItemDailyViews" PRIMARY KEY ("Kind", "Slug", "Day")
);

CREATE TABLE "MediaAssets" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_MediaAssets" PRIMARY KEY AUTOINCREMENT,
    "Hash" TEXT NOT NULL,
    "Format" TEXT NOT NULL,
    "OriginalName" TEXT NOT NULL,
    "Width" INTEGER NOT NULL,
    "Height" INTEGER NOT NULL,
    "Bytes" INTEGER NOT NULL,
    "Alt" TEXT NULL,
    "Decorative" INTEGER NOT NULL,
    "Caption" TEXT NULL,
    "UploadedAtUtc" TEXT NOT NULL,
    "UploadedBy" TEXT NOT NULL
);

CREATE TABLE "ReferrerDaily" (
    "Day" TEXT NOT NULL,
    "Domain" TEXT NOT NULL,
    "Visits" INTEGER NOT NULL,
    CONSTRAINT "PK_ReferrerDaily" PRIMARY KEY ("Day", "Domain")
);

CREATE TABLE "Revisions" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Revisions" PRIMARY KEY AUTOINCREMENT,
    "ContentItemId" INTEGER NOT NULL,
    "Number" INTEGER NOT NULL,
    "CreatedAtUtc" TEXT NOT NULL,
    "Actor" TEXT NOT NULL,
    "Summary" TEXT NOT NULL,
    "Snapshot" TEXT NOT NULL
);

CREATE TABLE "SiteSettings" (
    "Key" TEXT NOT NULL CONSTRAINT "PK_SiteSettings" PRIMARY KEY,
    "Value" TEXT NOT NULL
);

CREATE TABLE "SlugRedirects" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_SlugRedirects" PRIMARY KEY AUTOINCREMENT,
    "Kind" TEXT NOT NULL,
    "OldSlug" TEXT NOT NULL,
    "ContentItemId" INTEGER NOT NULL
);

CREATE TABLE "VisitorSalts" (
    "Day" TEXT NOT NULL CONSTRAINT "PK_VisitorSalts" PRIMARY KEY,
    "Salt" BLOB NOT NULL
);

CREATE TABLE "AspNetRoleClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetRoleClaims" PRIMARY KEY AUTOINCREMENT,
    "RoleId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetRoleClaims_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetUserClaims" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetUserClaims_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserLogins" (
    "LoginProvider" TEXT NOT NULL,
    "ProviderKey" TEXT NOT NULL,
    "ProviderDisplayName" TEXT NULL,
    "UserId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserLogins" PRIMARY KEY ("LoginProvider", "ProviderKey"),
    CONSTRAINT "FK_AspNetUserLogins_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserRoles" (
    "UserId" TEXT NOT NULL,
    "RoleId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserRoles" PRIMARY KEY ("UserId", "RoleId"),
    CONSTRAINT "FK_AspNetUserRoles_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_AspNetUserRoles_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserTokens" (
    "UserId" TEXT NOT NULL,
    "LoginProvider" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Value" TEXT NULL,
    CONSTRAINT "PK_AspNetUserTokens" PRIMARY KEY ("UserId", "LoginProvider", "Name"),
    CONSTRAINT "FK_AspNetUserTokens_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_AspNetRoleClaims_RoleId" ON "AspNetRoleClaims" ("RoleId");

CREATE UNIQUE INDEX "RoleNameIndex" ON "AspNetRoles" ("NormalizedName");

CREATE INDEX "IX_AspNetUserClaims_UserId" ON "AspNetUserClaims" ("UserId");

CREATE INDEX "IX_AspNetUserLogins_UserId" ON "AspNetUserLogins" ("UserId");

CREATE INDEX "IX_AspNetUserRoles_RoleId" ON "AspNetUserRoles" ("RoleId");

CREATE INDEX "EmailIndex" ON "AspNetUsers" ("NormalizedEmail");

CREATE UNIQUE INDEX "UserNameIndex" ON "AspNetUsers" ("NormalizedUserName");

CREATE INDEX "IX_AuditEntries_AtUtc" ON "AuditEntries" ("AtUtc");

CREATE UNIQUE INDEX "IX_ContentItems_Kind_Slug" ON "ContentItems" ("Kind", "Slug");

CREATE INDEX "IX_ContentItems_Kind_Status_PublishedAtUtc" ON "ContentItems" ("Kind", "Status", "PublishedAtUtc");

CREATE INDEX "IX_Enquiries_CreatedAtUtc" ON "Enquiries" ("CreatedAtUtc");

CREATE INDEX "IX_Enquiries_Fingerprint" ON "Enquiries" ("Fingerprint");

CREATE UNIQUE INDEX "IX_Enquiries_Reference" ON "Enquiries" ("Reference");

CREATE INDEX "IX_ItemDailyViews_Day" ON "ItemDailyViews" ("Day");

CREATE UNIQUE INDEX "IX_MediaAssets_Hash" ON "MediaAssets" ("Hash");

CREATE UNIQUE INDEX "IX_Revisions_ContentItemId_Number" ON "Revisions" ("ContentItemId", "Number");

CREATE UNIQUE INDEX "IX_SlugRedirects_Kind_OldSlug" ON "SlugRedirects" ("Kind", "OldSlug");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261202012706_Initial', '10.0.15');

COMMIT;

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

