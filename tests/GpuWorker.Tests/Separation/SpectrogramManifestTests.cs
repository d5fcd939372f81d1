using System.Text.Json.Nodes;
using SampleMind.GpuWorker.Models;
using SampleMind.GpuWorker.Separation;
using SampleMind.GpuWorker.Tests.Support;

namespace SampleMind.GpuWorker.Tests.Separation;

public sealed class SpectrogramManifestTests
{
    [Fact]
    public void The_spectrogram_test_manifest_is_read_with_its_stft_parameters()
    {
        var manifest = ModelManifestReader.Read(TestModels.Shared.ManifestOf("test-spectro-2stem"));

        Assert.Equal(new StftParameters(2048, 512, "hann", SpectrogramOutput.Mask, 1025), manifest.Stft);
        Assert.Equal(173, manifest.Stft!.FrameCount(manifest.SegmentLength));
    }

    [Theory]
    [InlineData("bins", "1024", "stft.bins is 1024 but an FFT of 2048 samples gives fftSize / 2 + 1 = 1025 bins.")]
    [InlineData("hopSize", "1536", "stft.hopSize must be between 1 and fftSize / 2 = 1024")]
    [InlineData("hopSize", "0", "stft.hopSize must be between 1 and fftSize / 2 = 1024")]
    [InlineData("fftSize", "2047", "stft.fftSize must be even and at least 16; it is 2047.")]
    [InlineData("window", "\"hamming\"", "stft.window \"hamming\" is not supported")]
    [InlineData("output", "null", "stft.output must say what the model outputs per stem: \"mask\" or \"magnitude\".")]
    [InlineData("fftSize", "131072", "segmentLength (88200) must be at least stft.fftSize (131072).")]
    public void A_manifest_with_inconsistent_stft_parameters_is_refused_with_the_reason(string field, string json, string reason)
    {
        var path = WriteManifest(stft => stft[field] = JsonNode.Parse(json));

        var error = Assert.Throws<ModelManifestException>(() => ModelManifestReader.Read(path));

        Assert.StartsWith(path + ": ", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_output_kind_is_refused_as_invalid_json()
    {
        var path = WriteManifest(stft => stft["output"] = "phase");

        var error = Assert.Throws<ModelManifestException>(() => ModelManifestReader.Read(path));

        Assert.Contains("is not a valid model manifest", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refused_manifest_leaves_the_worker_on_the_dsp_method()
    {
        var path = WriteManifest(stft => stft["hopSize"] = 4096);
        var (separator, registry) = Separators.Create(Path.GetDirectoryName(path));
        using var _ = registry;

        Assert.Empty(registry.Models);
        Assert.Equal(SeparationMethods.DspHpss, separator.MethodFor(SeparationTarget.AllStems));
    }

    [Fact]
    public async Task A_model_whose_bins_disagree_with_the_manifests_fft_size_is_refused_when_its_session_opens()
    {
        // fftSize 1024 is consistent on paper (bins 513), but the model's input has 1025 bins fixed.
        var path = WriteManifest(stft =>
        {
            stft["fftSize"] = 1024;
            stft["hopSize"] = 256;
            stft.Remove("bins");
        });
        var (separator, registry) = Separators.Create(Path.GetDirectoryName(path));
        using var _ = registry;
        await using var __ = separator;
        var mixture = OverlapAddPipelineTests.Planar(2, 44100, seed: 60);

        var error = await Assert.ThrowsAsync<ModelManifestException>(() => separator.SeparateAsync(mixture, 44100));

        Assert.Contains("its input \"magnitude\" is float[-1, 2, 1025, -1]", error.Message, StringComparison.Ordinal);
        Assert.Contains("[batch, 2, 513, 345]", error.Message, StringComparison.Ordinal);
        Assert.Contains("bins = fftSize / 2 + 1 = 513", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The test-spectro-2stem manifest and model in a folder of their own, with the manifest's stft changed.</summary>
    private static string WriteManifest(Action<JsonObject> change)
    {
        var folder = Directory.CreateTempSubdirectory("spectro-manifest-").FullName;
        File.Copy(TestModels.Shared.PathOf("test-spectro-2stem"), Path.Combine(folder, "test-spectro-2stem.onnx"));
        var manifest = JsonNode.Parse(File.ReadAllText(TestModels.Shared.ManifestOf("test-spectro-2stem")))!.AsObject();
        change(manifest["stft"]!.AsObject());
        var path = Path.Combine(folder, "test-spectro-2stem.json");
        File.WriteAllText(path, manifest.ToJsonString());
        return path;
    }
}
