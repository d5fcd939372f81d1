using System.Text.Json.Serialization;

namespace SampleMind.GpuWorker.Models;

/// <summary>The cross-fade used where consecutive segments overlap.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TransitionWindow>))]
public enum TransitionWindow
{
    /// <summary>Linear ramps.</summary>
    [JsonStringEnumMemberName("linear")]
    Linear = 0,

    /// <summary>Raised-cosine (Hann) ramps.</summary>
    [JsonStringEnumMemberName("hann")]
    Hann = 1,
}
