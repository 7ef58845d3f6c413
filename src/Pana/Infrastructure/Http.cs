using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Pana.Infrastructure;

/// <summary>Turns a use case's outcome into an API answer or into page model errors, the same way everywhere.</summary>
public static class Http
{
    public static IResult ToResult<T>(this Outcome<T> outcome, Func<T, IResult> ok) => outcome.Kind switch
    {
        OutcomeKind.Ok => ok(outcome.Value!),
        OutcomeKind.NotFound => TypedResults.NotFound(),
        OutcomeKind.Conflict => TypedResults.Problem(outcome.Errors[""].First(), statusCode: StatusCodes.Status412PreconditionFailed, title: "Changed by someone else"),
        _ => TypedResults.ValidationProblem(outcome.Errors),
    };

    public static void CopyTo<T>(this Outcome<T> outcome, ModelStateDictionary state, Func<string, string>? key = null)
    {
        foreach (var (field, messages) in outcome.Errors)
        {
            foreach (var message in messages)
            {
                state.AddModelError(key?.Invoke(field) ?? field, message);
            }
        }
    }

    /// <summary>The version a client sent in If-Match ("3" or W/"3"), or null when it sent none.</summary>
    public static string? IfMatch(this HttpRequest request)
    {
        var value = request.Headers.IfMatch.ToString();
        return string.IsNullOrWhiteSpace(value) ? null : value.Replace("W/", "", StringComparison.Ordinal).Trim().Trim('"');
    }

    public static void SetETag(this HttpResponse response, string version) => response.Headers.ETag = $"\"{version}\"";
}
