namespace Pana.Infrastructure;

/// <summary>What a use case answers: a value, or why it was refused (field errors, a concurrent edit, nothing found).</summary>
public sealed record Outcome<T>(T? Value, IDictionary<string, string[]> Errors, OutcomeKind Kind)
{
    public bool Succeeded => Kind == OutcomeKind.Ok;
    public static Outcome<T> Ok(T value) => new(value, new Dictionary<string, string[]>(), OutcomeKind.Ok);
    public static Outcome<T> Invalid(IDictionary<string, string[]> errors) => new(default, errors, OutcomeKind.Invalid);
    public static Outcome<T> Invalid(string field, string message) => Invalid(new Dictionary<string, string[]> { [field] = [message] });
    public static Outcome<T> Conflict(string message) => new(default, new Dictionary<string, string[]> { [""] = [message] }, OutcomeKind.Conflict);
    public static Outcome<T> Missing() => new(default, new Dictionary<string, string[]>(), OutcomeKind.NotFound);
}

public enum OutcomeKind { Ok, Invalid, Conflict, NotFound }

/// <summary>Collects field errors while a command is validated.</summary>
public sealed class Errors : Dictionary<string, string[]>
{
    public void Add(string field, string message) => this[field] = TryGetValue(field, out var list) ? [.. list, message] : [message];
    public bool Any => Count > 0;
}
