using System.Text.Json.Serialization;

namespace SampleMind.Runtime.Serialization;

/// <summary>JSON for the runtime's own types and common collections of primitives.</summary>
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(List<int>))]
[JsonSerializable(typeof(int[]))]
[JsonSerializable(typeof(List<long>))]
[JsonSerializable(typeof(byte[]))]
[JsonSerializable(typeof(List<Guid>))]
[JsonSerializable(typeof(object))]
[JsonSerializable(typeof(TickStatus))]
internal sealed partial class RuntimeJsonContext : JsonSerializerContext;
