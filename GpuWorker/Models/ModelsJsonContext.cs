using System.Text.Json.Serialization;

namespace SampleMind.GpuWorker.Models;

/// <summary>Source-generated JSON for model manifests (camelCase, comments and trailing commas allowed).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(ModelManifest))]
internal sealed partial class ModelsJsonContext : JsonSerializerContext;
