using System.Text.Json.Serialization;

namespace SampleMind.GpuWorker.Models;

/// <summary>
/// A model as its JSON manifest describes it. Audio lengths are in samples per channel at
/// <see cref="SampleRate"/>; <see cref="File"/> is relative to the manifest's folder.
/// </summary>
public sealed record ModelManifest
{
    /// <summary>Unique name, e.g. "htdemucs-4stem".</summary>
    public required string Name { get; init; }

    /// <summary>What the model does.</summary>
    public required ModelTask Task { get; init; }

    /// <summary>The .onnx file, relative to the manifest.</summary>
    public required string File { get; init; }

    /// <summary>The sample rate the model works at (Hz).</summary>
    public required int SampleRate { get; init; }

    /// <summary>The channel count of the model's audio input.</summary>
    public required int Channels { get; init; }

    /// <summary>Samples per channel in one segment the model is run on.</summary>
    public required int SegmentLength { get; init; }

    /// <summary>Samples shared by consecutive segments, cross-faded with <see cref="Transition"/>.</summary>
    public int OverlapLength { get; init; }

    /// <summary>The cross-fade window. Default: Hann.</summary>
    public TransitionWindow Transition { get; init; } = TransitionWindow.Hann;

    /// <summary>Input names: the audio first, then any others (for generators: noise, variance).</summary>
    public required IReadOnlyList<string> Inputs { get; init; }

    /// <summary>Output names: the stems tensor (separation) or the audio (generation) first.</summary>
    public required IReadOnlyList<string> Outputs { get; init; }

    /// <summary>Stem names in the order of the output's stem axis (separation models).</summary>
    public IReadOnlyList<string> Stems { get; init; } = [];

    /// <summary>Spectrogram parameters when the model works on spectrograms; null for waveform models.</summary>
    public StftParameters? Stft { get; init; }

    /// <summary>The folder the manifest was read from.</summary>
    [JsonIgnore]
    public string Directory { get; init; } = string.Empty;

    /// <summary>The model file's full path.</summary>
    [JsonIgnore]
    public string ModelPath => Path.GetFullPath(Path.Combine(Directory, File));
}
