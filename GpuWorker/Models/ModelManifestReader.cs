using System.Text.Json;

namespace SampleMind.GpuWorker.Models;

/// <summary>Reads and checks model manifests.</summary>
public static class ModelManifestReader
{
    /// <summary>Reads the manifest at <paramref name="path"/> and checks it; the model file must exist.</summary>
    /// <exception cref="ModelManifestException">Unreadable JSON or an inconsistent manifest.</exception>
    public static ModelManifest Read(string path)
    {
        ModelManifest? manifest;
        try
        {
            using var stream = File.OpenRead(path);
            manifest = JsonSerializer.Deserialize(stream, ModelsJsonContext.Default.ModelManifest);
        }
        catch (JsonException ex)
        {
            throw new ModelManifestException($"{path} is not a valid model manifest: {ex.Message}", ex);
        }

        if (manifest is null)
        {
            throw new ModelManifestException($"{path} is empty.");
        }

        manifest = manifest with { Directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? "." };
        var problems = Check(manifest);
        return problems.Count == 0
            ? manifest
            : throw new ModelManifestException($"{path}: {string.Join(" ", problems)}");
    }

    /// <summary>The manifest's inconsistencies, each a sentence; empty when it is usable.</summary>
    public static IReadOnlyList<string> Check(ModelManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(manifest.Name))
        {
            problems.Add("name is empty.");
        }

        if (!File.Exists(manifest.ModelPath))
        {
            problems.Add($"model file {manifest.ModelPath} does not exist.");
        }

        if (manifest.SampleRate <= 0 || manifest.Channels is <= 0 or > 16)
        {
            problems.Add("sampleRate must be positive and channels between 1 and 16.");
        }

        if (manifest.SegmentLength <= 0 || manifest.OverlapLength < 0 || manifest.OverlapLength * 2 > manifest.SegmentLength)
        {
            problems.Add("segmentLength must be positive and overlapLength between 0 and half the segment.");
        }

        if (manifest.Inputs.Count == 0 || manifest.Outputs.Count == 0)
        {
            problems.Add("inputs and outputs must each name at least one tensor.");
        }

        if (manifest.Task == ModelTask.Separate && manifest.Stems.Count == 0)
        {
            problems.Add("a separation model must name its stems.");
        }

        if (manifest.Stft is { } stft)
        {
            CheckStft(manifest, stft, problems);
        }

        return problems;
    }

    private static void CheckStft(ModelManifest manifest, StftParameters stft, List<string> problems)
    {
        if (manifest.Task != ModelTask.Separate)
        {
            problems.Add("stft is only used by separation models.");
        }

        if (stft.FftSize < 16 || stft.FftSize % 2 != 0)
        {
            problems.Add($"stft.fftSize must be even and at least 16; it is {stft.FftSize}.");
            return;
        }

        if (stft.HopSize < 1 || stft.HopSize > stft.FftSize / 2)
        {
            problems.Add($"stft.hopSize must be between 1 and fftSize / 2 = {stft.FftSize / 2} (so the inverse STFT reconstructs exactly); it is {stft.HopSize}.");
        }

        if (!string.Equals(stft.Window, StftParameters.HannWindow, StringComparison.Ordinal))
        {
            problems.Add($"stft.window \"{stft.Window}\" is not supported; the worker's STFT uses \"{StftParameters.HannWindow}\" (periodic Hann).");
        }

        if (stft.Bins is { } bins && bins != stft.FftBins)
        {
            problems.Add($"stft.bins is {bins} but an FFT of {stft.FftSize} samples gives fftSize / 2 + 1 = {stft.FftBins} bins.");
        }

        if (stft.Output is null)
        {
            problems.Add("stft.output must say what the model outputs per stem: \"mask\" or \"magnitude\".");
        }

        if (manifest.SegmentLength < stft.FftSize)
        {
            problems.Add($"segmentLength ({manifest.SegmentLength}) must be at least stft.fftSize ({stft.FftSize}).");
        }

        if (manifest.Inputs.Count > 1)
        {
            problems.Add("a spectrogram model takes one input, the mixture's magnitude [batch, channels, bins, frames].");
        }
    }
}
