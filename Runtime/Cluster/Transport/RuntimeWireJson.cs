using System.Text.Json.Serialization;

namespace SampleMind.Runtime.Cluster.Transport;

/// <summary>JSON for the wire's own small values (reference addresses).</summary>
[JsonSerializable(typeof(string[]))]
internal sealed partial class RuntimeWireJson : JsonSerializerContext;
