using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;

namespace Pana.Infrastructure;

/// <summary>Example bodies for the OpenAPI document: each capability registers examples of its own requests.</summary>
public sealed class ApiExamples
{
    private readonly Dictionary<Type, object> examples = [];

    public void Add(Type type, object example) => examples[type] = example;

    /// <summary>Puts the registered example on the schema of its type.</summary>
    public static Task Apply(Microsoft.OpenApi.OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        var registry = context.ApplicationServices.GetRequiredService<ApiExamples>();
        if (registry.examples.TryGetValue(context.JsonTypeInfo.Type, out var example))
        {
            var options = context.ApplicationServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
            schema.Examples = [JsonSerializer.SerializeToNode(example, example.GetType(), options)!];
        }
        return Task.CompletedTask;
    }
}

public static class ApiExampleRegistration
{
    public static IServiceCollection AddApiExample<T>(this IServiceCollection services, T example) where T : notnull
    {
        var registry = services.Select(d => d.ImplementationInstance).OfType<ApiExamples>().FirstOrDefault();
        if (registry is null)
        {
            registry = new ApiExamples();
            services.AddSingleton(registry);
        }
        registry.Add(typeof(T), example);
        return services;
    }
}
