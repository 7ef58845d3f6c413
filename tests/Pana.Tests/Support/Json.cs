using System.Net.Http.Json;
using System.Text.Json;

namespace Pana.Tests.Support;

public static class Json
{
    public static JsonContent Of<T>(T value) => JsonContent.Create(value);

    public static async Task<JsonElement> Read(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
}
