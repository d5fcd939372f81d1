using System.Text.Json.Serialization;

namespace SampleMind.Runtime.Tests.Grains;

/// <summary>JSON for the test grains' arguments and state (registered by the generated initializer).</summary>
[JsonSerializable(typeof(Basket))]
[JsonSerializable(typeof(CounterState))]
[JsonSerializable(typeof(NoteState))]
[JsonSerializable(typeof(ChatMessage))]
internal sealed partial class TestJsonContext : JsonSerializerContext;
