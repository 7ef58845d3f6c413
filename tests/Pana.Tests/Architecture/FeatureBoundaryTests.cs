using NetArchTest.Rules;

namespace Pana.Tests.Architecture;

/// <summary>Capabilities talk through small named doors; Data and Infrastructure know no capability.</summary>
public sealed class FeatureBoundaryTests
{
    private static readonly System.Reflection.Assembly App = typeof(Program).Assembly;

    /// <summary>What each capability lets the others use; everything else in it is its own business.</summary>
    private static readonly Dictionary<string, string[]> Doors = new()
    {
        ["Audit"] = ["AuditLog", "AuditFigures", "AuditChain", "ChainReport", "ChainProblem", "FieldChange"],
        ["Identity"] = ["Bootstrap", "RoleNames", "UserDirectory", "UserSummary"],
        ["ReferenceData"] = ["ReferenceDirectory", "OrganisationRow", "OperationSummary", "OrganisationTypes", "ReferenceSeed", "Choice"],
        ["Registry"] = ["DemoRegistry", "PopulationFigures", "PopulationCounts", "MergePersons", "PersonDetails", "DocumentEntry", "PersonRules", "RegistryText", "NameScripts", "SyntheticRegistry", "SyntheticReport", "DuplicateKeys"],
        ["Matching"] = ["PersonMatcher", "MatchRecord", "MatchRecords", "MatchLevel", "MatchReason", "MatchResult", "MatchThresholds", "FoldedNames"],
    };

    [Fact]
    public void Data_does_not_depend_on_features_or_infrastructure()
    {
        var result = Types.InAssembly(App).That().ResideInNamespace("Pana.Data")
            .ShouldNot().HaveDependencyOnAny("Pana.Features", "Pana.Infrastructure").GetResult();

        Assert.True(result.IsSuccessful, string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void Infrastructure_does_not_depend_on_features()
    {
        var result = Types.InAssembly(App).That().ResideInNamespace("Pana.Infrastructure")
            .ShouldNot().HaveDependencyOn("Pana.Features").GetResult();

        Assert.True(result.IsSuccessful, string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void A_feature_uses_another_only_through_its_doors()
    {
        var features = App.GetTypes().Select(t => t.Namespace).OfType<string>().Where(n => n.StartsWith("Pana.Features.", StringComparison.Ordinal))
            .Select(n => n.Split('.')[2]).Where(f => f != "Shared").Distinct().ToList();
        var failures = new List<string>();
        foreach (var feature in features)
        {
            foreach (var other in features.Where(o => o != feature))
            {
                var insides = App.GetTypes()
                    .Where(t => t.Namespace?.StartsWith($"Pana.Features.{other}", StringComparison.Ordinal) == true && !t.IsNested)
                    .Where(t => !Doors.GetValueOrDefault(other, []).Contains(t.Name))
                    .Select(t => t.FullName!).ToArray();
                if (insides.Length == 0)
                {
                    continue;
                }
                var result = Types.InAssembly(App).That().ResideInNamespace($"Pana.Features.{feature}")
                    .ShouldNot().HaveDependencyOnAny(insides).GetResult();
                if (!result.IsSuccessful)
                {
                    failures.Add($"{feature} reaches into {other}: {string.Join(", ", result.FailingTypeNames ?? [])}");
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void Entities_get_their_keys_from_the_client_so_the_audit_knows_them_before_insert()
    {
        // AuditTrail writes the record's id with the change in one SaveChanges; a database-generated key would be unknown then.
        var offenders = typeof(Pana.Data.PanaDb).GetProperties()
            .Where(p => p.PropertyType.IsGenericType && p.PropertyType.Name.StartsWith("DbSet", StringComparison.Ordinal))
            .Select(p => p.PropertyType.GetGenericArguments()[0])
            .Where(t => t.Namespace?.StartsWith("Pana.Data", StringComparison.Ordinal) == true)
            .Where(t => t != typeof(Pana.Data.Audit.AuditEntry) && t != typeof(Pana.Data.Audit.AuditChainHead))
            .Where(t => t.GetProperty("Id") is { } id && (id.PropertyType == typeof(int) || id.PropertyType == typeof(long)))
            .Select(t => t.Name).ToList();

        Assert.Empty(offenders);
    }
}
