using Pana.Features.ReferenceData;

namespace Pana.Features.Registry;

/// <summary>The reference lists the registry's forms choose from.</summary>
public sealed record RegistryChoices(List<Choice> Countries, List<Choice> Operations, List<Choice> Regions, List<Choice> PopulationTypes,
    List<Choice> SubTypes, List<Choice> Needs, List<Choice> DocumentTypes)
{
    public static async Task<RegistryChoices> LoadAsync(ReferenceDirectory reference, CancellationToken ct) => new(
        await reference.ChoicesAsync("countries", ct), await reference.ChoicesAsync("operations", ct), await reference.ChoicesAsync("regions", ct),
        await reference.ChoicesAsync("population-types", ct), await reference.ChoicesAsync("population-sub-types", ct),
        await reference.ChoicesAsync("specific-needs", ct), await reference.ChoicesAsync("document-types", ct));
}

/// <summary>What the _PersonFields partial draws: one person's details under a form-field prefix.</summary>
public sealed record PersonFieldsModel(string Prefix, PersonDetails Details, RegistryChoices Choices);
