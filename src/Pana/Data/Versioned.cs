namespace Pana.Data;

/// <summary>A record edited by people: its Version is the optimistic-concurrency token, bumped on every save.</summary>
public interface IVersioned
{
    int Version { get; set; }
}
