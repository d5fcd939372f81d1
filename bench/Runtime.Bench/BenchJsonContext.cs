using System.Text.Json.Serialization;

namespace SampleMind.Runtime.Bench;

/// <summary>JSON metadata for the benchmark's argument (registered by the generated initializer).</summary>
[JsonSerializable(typeof(SmallRecord))]
internal sealed partial class BenchJsonContext : JsonSerializerContext;
