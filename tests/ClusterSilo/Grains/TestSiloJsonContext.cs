using System.Text.Json.Serialization;

namespace SampleMind.TestSilo.Grains;

[JsonSerializable(typeof(CounterState))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(long))]
internal sealed partial class TestSiloJsonContext : JsonSerializerContext;
