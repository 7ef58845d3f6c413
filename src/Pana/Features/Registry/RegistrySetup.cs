using Pana.Infrastructure;

namespace Pana.Features.Registry;

/// <summary>The registry's use cases, for dependency injection.</summary>
public static class RegistrySetup
{
    public static IServiceCollection AddRegistry(this IServiceCollection services) => services
        .AddApiExample(RegistryExamples.Household)
        .AddApiExample(RegistryExamples.Person)
        .AddApiExample(RegistryExamples.Status)
        .AddApiExample(new NeedEntry("WR", new DateOnly(2025, 3, 2), "Single mother of three"))
        .AddApiExample(new DocumentEntry("PASSPORT", "P01234567", "Ministry of Interior, Afghanistan", new DateOnly(2019, 5, 1), new DateOnly(2029, 4, 30)))
        .AddScoped<PersonScope>()
        .AddScoped<PersonRules>()
        .AddScoped<RegistrationNumbers>()
        .AddScoped<DuplicateCheck>()
        .AddScoped<RegisterHousehold>()
        .AddScoped<RegisterHouseholds>()
        .AddScoped<PersonRecord>()
        .AddSingleton<PreparedPersonRead>()
        .AddScoped<HouseholdRecord>()
        .AddScoped<SearchPersons>()
        .AddScoped<UpdatePerson>()
        .AddScoped<ChangeStatus>()
        .AddScoped<RecordNeedsAndDocuments>()
        .AddScoped<ExpiringDocuments>()
        .AddScoped<PopulationFigures>()
        .AddScoped<ImportRegistry>()
        .AddScoped<ExportPersons>()
        .AddScoped<MergePersons>()
        .AddScoped<UpdateHousehold>()
        .AddScoped<Demo.DemoRegistry>()
        .AddHostedService<PopulationCountsDaily>();
}
