using System.Text.Json.Serialization;

namespace SampleMind.GpuWorker.Models;

/// <summary>What a model does.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ModelTask>))]
public enum ModelTask
{
    /// <summary>Stem separation: a mixture in, stems out.</summary>
    [JsonStringEnumMemberName("separate")]
    Separate = 0,

    /// <summary>Sample variation: audio (and noise) in, new audio out.</summary>
    [JsonStringEnumMemberName("generate")]
    Generate = 1,
}
