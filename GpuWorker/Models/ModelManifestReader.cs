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

        if (manifest.Stft is { } stft && (stft.FftSize <= 0 || stft.HopSize <= 0 || stft.HopSize > stft.FftSize))
        {
            problems.Add("stft needs a positive fftSize and a hopSize between 1 and fftSize.");
        }

        return problems;
    }
}
