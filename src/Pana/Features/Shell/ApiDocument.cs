using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Pana.Features.Shell;

/// <summary>Describes the API in /openapi/v1.json: title, how to authenticate, and the bearer scheme on every operation.</summary>
public static class ApiDocument
{
    public static void Describe(OpenApiOptions o)
    {
        o.ShouldInclude = d => d.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
        // A use case's Command is named after its use case: CreateUserCommand, not Command.
        o.CreateSchemaReferenceId = type => type.Type.IsNested && !type.Type.IsGenericType
            ? type.Type.DeclaringType!.Name + type.Type.Name
            : OpenApiOptions.CreateDefaultSchemaReferenceId(type);
        o.AddSchemaTransformer(Infrastructure.ApiExamples.Apply);
        o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "Pana API",
                Version = "v1",
                Description = "The API of Pana, the information system of the refugee-protection operation. "
                    + "Get a token with POST /api/v1/auth/token and send it as 'Authorization: Bearer <token>'. "
                    + "Changes use optimistic concurrency: send the ETag you read back in If-Match; a stale version gets 412.",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "A token from POST /api/v1/auth/token",
            };
            document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", document)] = [] }];
            return Task.CompletedTask;
        });
    }
}
