using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pana.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Registry : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "SubjectId",
                table: "AuditEntries",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Households",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RegistrationNumber = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    OperationCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ExternalId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    FocalPointId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Households", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Households_Operations_OperationCode",
                        column: x => x.OperationCode,
                        principalTable: "Operations",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RegistrationCounters",
                columns: table => new
                {
                    Prefix = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Next = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RegistrationCounters", x => x.Prefix);
                });

            migrationBuilder.CreateTable(
                name: "Persons",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RegistrationNumber = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    OperationCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ExternalId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    GivenName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    FamilyName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Patronymic = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    LatinName = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    CyrillicName = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    Sex = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    BirthDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    BirthDatePrecision = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    NationalityCode = table.Column<string>(type: "TEXT", nullable: true),
                    OriginCode = table.Column<string>(type: "TEXT", nullable: true),
                    Ethnicity = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Languages = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    MaritalStatus = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    PhoneDigits = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", nullable: true),
                    City = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Address = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    RegisteringOrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Office = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RegisteredOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ConsentGiven = table.Column<bool>(type: "INTEGER", nullable: false),
                    ConsentDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ConsentPurpose = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    HouseholdId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Relationship = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    MergedIntoId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Persons", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Persons_Countries_NationalityCode",
                        column: x => x.NationalityCode,
                        principalTable: "Countries",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Persons_Countries_OriginCode",
                        column: x => x.OriginCode,
                        principalTable: "Countries",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Persons_Households_HouseholdId",
                        column: x => x.HouseholdId,
                        principalTable: "Households",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Persons_Operations_OperationCode",
                        column: x => x.OperationCode,
                        principalTable: "Operations",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Persons_Organisations_RegisteringOrganisationId",
                        column: x => x.RegisteringOrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Persons_Regions_RegionCode",
                        column: x => x.RegionCode,
                        principalTable: "Regions",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "LegalStatuses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PopulationTypeCode = table.Column<string>(type: "TEXT", nullable: true),
                    PopulationSubTypeCode = table.Column<string>(type: "TEXT", nullable: true),
                    Ceased = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    EffectiveFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Basis = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LegalStatuses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LegalStatuses_Persons_PersonId",
                        column: x => x.PersonId,
                        principalTable: "Persons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_LegalStatuses_PopulationSubTypes_PopulationSubTypeCode",
                        column: x => x.PopulationSubTypeCode,
                        principalTable: "PopulationSubTypes",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_LegalStatuses_PopulationTypes_PopulationTypeCode",
                        column: x => x.PopulationTypeCode,
                        principalTable: "PopulationTypes",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PersonDocuments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DocumentTypeCode = table.Column<string>(type: "TEXT", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    NumberKey = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Issuer = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    IssuedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ExpiresOn = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PersonDocuments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PersonDocuments_DocumentTypes_DocumentTypeCode",
                        column: x => x.DocumentTypeCode,
                        principalTable: "DocumentTypes",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PersonDocuments_Persons_PersonId",
                        column: x => x.PersonId,
                        principalTable: "Persons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PersonNameKeys",
                columns: table => new
                {
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PersonNameKeys", x => new { x.Key, x.PersonId });
                    table.ForeignKey(
                        name: "FK_PersonNameKeys_Persons_PersonId",
                        column: x => x.PersonId,
                        principalTable: "Persons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PersonShares",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SharedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PersonShares", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PersonShares_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PersonShares_Persons_PersonId",
                        column: x => x.PersonId,
                        principalTable: "Persons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SpecificNeeds",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CategoryCode = table.Column<string>(type: "TEXT", nullable: false),
                    IdentifiedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ResolvedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SpecificNeeds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SpecificNeeds_Persons_PersonId",
                        column: x => x.PersonId,
                        principalTable: "Persons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SpecificNeeds_SpecificNeedCategories_CategoryCode",
                        column: x => x.CategoryCode,
                        principalTable: "SpecificNeedCategories",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_SubjectId",
                table: "AuditEntries",
                column: "SubjectId");

            migrationBuilder.CreateIndex(
                name: "IX_Households_OperationCode_ExternalId",
                table: "Households",
                columns: new[] { "OperationCode", "ExternalId" },
                unique: true,
                filter: "\"ExternalId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Households_RegistrationNumber",
                table: "Households",
                column: "RegistrationNumber",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LegalStatuses_PersonId_EffectiveFrom",
                table: "LegalStatuses",
                columns: new[] { "PersonId", "EffectiveFrom" });

            migrationBuilder.CreateIndex(
                name: "IX_LegalStatuses_PopulationSubTypeCode",
                table: "LegalStatuses",
                column: "PopulationSubTypeCode");

            migrationBuilder.CreateIndex(
                name: "IX_LegalStatuses_PopulationTypeCode_EffectiveFrom",
                table: "LegalStatuses",
                columns: new[] { "PopulationTypeCode", "EffectiveFrom" });

            migrationBuilder.CreateIndex(
                name: "IX_PersonDocuments_DocumentTypeCode",
                table: "PersonDocuments",
                column: "DocumentTypeCode");

            migrationBuilder.CreateIndex(
                name: "IX_PersonDocuments_ExpiresOn",
                table: "PersonDocuments",
                column: "ExpiresOn");

            migrationBuilder.CreateIndex(
                name: "IX_PersonDocuments_NumberKey",
                table: "PersonDocuments",
                column: "NumberKey");

            migrationBuilder.CreateIndex(
                name: "IX_PersonDocuments_PersonId",
                table: "PersonDocuments",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_PersonNameKeys_PersonId",
                table: "PersonNameKeys",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_Persons_BirthDate",
                table: "Persons",
                column: "BirthDate");

            migrationBuilder.CreateIndex(
                name: "IX_Persons_HouseholdId",
                table: "Persons",
                column: "HouseholdId");

            migrationBuilder.CreateIndex(
                name: "IX_Persons_NationalityCode",
                table: "Persons",
                column: "NationalityCode");

            migrationBuilder.CreateIndex(
                name: "IX_Persons_OperationCode_ExternalId",
                table: "Persons",
                columns: new[] { "OperationCode", "ExternalId" },
                unique: true,
                filter: "\"ExternalId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Persons_OperationCode_RegionCode",
                table: "Persons",
                columns: new[] { "OperationCode", "RegionCode" });

            migrationBuilder.CreateIndex(
                name: "IX_Persons_OriginCode",
                table: "Persons",
                column: "OriginCode");

            migrationBuilder.CreateIndex(
                name: "IX_Persons_PhoneDigits",
                table: "Persons",
                column: "PhoneDigits");

            migrationBuilder.CreateIndex(
                name: "IX_Persons_RegionCode",
                table: "Persons",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_Persons_RegisteringOrganisationId",
                table: "Persons",
                column: "RegisteringOrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Persons_RegistrationNumber",
                table: "Persons",
                column: "RegistrationNumber",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PersonShares_OrganisationId_PersonId",
                table: "PersonShares",
                columns: new[] { "OrganisationId", "PersonId" });

            migrationBuilder.CreateIndex(
                name: "IX_PersonShares_PersonId",
                table: "PersonShares",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_SpecificNeeds_CategoryCode",
                table: "SpecificNeeds",
                column: "CategoryCode");

            migrationBuilder.CreateIndex(
                name: "IX_SpecificNeeds_PersonId",
                table: "SpecificNeeds",
                column: "PersonId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LegalStatuses");

            migrationBuilder.DropTable(
                name: "PersonDocuments");

            migrationBuilder.DropTable(
                name: "PersonNameKeys");

            migrationBuilder.DropTable(
                name: "PersonShares");

            migrationBuilder.DropTable(
                name: "RegistrationCounters");

            migrationBuilder.DropTable(
                name: "SpecificNeeds");

            migrationBuilder.DropTable(
                name: "Persons");

            migrationBuilder.DropTable(
                name: "Households");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_SubjectId",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "SubjectId",
                table: "AuditEntries");
        }
    }
}
