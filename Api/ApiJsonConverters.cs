using System.Text.Json;
using System.Text.Json.Serialization;
using SampleMind.Grains.Abstractions.Tenants;

namespace SampleMind.Api;

/// <summary>
/// A key's scopes in the API's answers as they are written in its requests: lower-case names, comma-separated
/// (<c>"ingest,read"</c>), not .NET's flag names (<c>"Ingest, Read"</c>).
/// </summary>
internal sealed class ApiScopeJsonConverter : JsonConverter<ApiScope>
{
    public override ApiScope Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var scopes = ApiScope.None;
        foreach (var name in (reader.GetString() ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            scopes |= name.All(char.IsAsciiLetter) && Enum.TryParse<ApiScope>(name, ignoreCase: true, out var scope) && Enum.IsDefined(scope)
                ? scope
                : throw new JsonException($"Unknown scope '{name}'.");
        }

        return scopes;
    }

    public override void Write(Utf8JsonWriter writer, ApiScope value, JsonSerializerOptions options) =>
        writer.WriteStringValue(string.Join(',', Enum.GetValues<ApiScope>()
            .Where(scope => scope != ApiScope.None && value.HasFlag(scope))
            .Select(scope => scope.ToString().ToLowerInvariant())));
}

/// <summary>Usage meters in camelCase (<c>stemSeparations</c>), as every other name in the API's answers is.</summary>
internal sealed class UsageMeterJsonConverter() : JsonStringEnumConverter<UsageMeter>(JsonNamingPolicy.CamelCase);
