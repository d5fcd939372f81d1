using System.Text.Json.Serialization;

namespace SampleMind.GpuWorker.Models;

/// <summary>What a spectrogram-domain separation model outputs for each stem, channel, bin and frame.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SpectrogramOutput>))]
public enum SpectrogramOutput
{
    /// <summary>A ratio mask, multiplied into the mixture's complex spectrogram.</summary>
    [JsonStringEnumMemberName("mask")]
    Mask = 0,

    /// <summary>A magnitude estimate, given the mixture's phase.</summary>
    [JsonStringEnumMemberName("magnitude")]
    Magnitude = 1,
}
