using System.Text.Json.Serialization;

namespace SampleMind.Cluster.Tests.Grains;

[JsonSerializable(typeof(ChurnState))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
internal sealed partial class TestJsonContext : JsonSerializerContext;
