namespace Pana.Features.Registry;

/// <summary>The registry's use cases, for dependency injection.</summary>
public static class RegistrySetup
{
    public static IServiceCollection AddRegistry(this IServiceCollection services) => services
        .AddScoped<PersonScope>()
        .AddScoped<PersonRules>()
        .AddScoped<RegistrationNumbers>()
        .AddScoped<DuplicateCheck>()
        .AddScoped<RegisterHousehold>()
        .AddScoped<PersonRecord>()
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
        .AddScoped<Demo.DemoRegistry>();
}
