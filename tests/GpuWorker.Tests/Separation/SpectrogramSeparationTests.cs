using SampleMind.GpuWorker.Separation;
using SampleMind.GpuWorker.Tests.Support;
using SampleMind.TestSupport;
using Xunit.Abstractions;

namespace SampleMind.GpuWorker.Tests.Separation;

public sealed class SpectrogramSeparationTests(ITestOutputHelper output)
{
    private const int Rate = 44100;

    [Theory]
    [InlineData(SeparationQuality.Fast, "0.5 s Hann cross-fade")]
    [InlineData(SeparationQuality.High, "1 s Hann cross-fade")]
    public async Task Mask_model_separates_a_low_tone_from_a_high_tone_and_its_stems_sum_to_the_mixture(SeparationQuality quality, string overlap)
    {
        var frames = (Rate * 5) + 777;
        var low = Tones(frames, 220, 0.4f, 0.3f);
        var high = Tones(frames, 3520, 0.2f, 0.35f);
        var mixture = AudioFiles.Sum(low, high);
        var (separator, registry) = Separators.Create(Separators.FolderWith("test-spectro-2stem"));
        using var _ = registry;
        await using var __ = separator;

        var result = await separator.SeparateAsync(mixture, Rate, quality: quality);

        Assert.Equal("model:test-spectro-2stem", result.Method);
        Assert.Equal(new[] { "low", "high" }, result.StemNames);
        Assert.Contains("STFT 2048/512 hann, 1025 bins × 173 frames, output mask", result.Description, StringComparison.Ordinal);
        Assert.Contains(overlap, result.Description, StringComparison.Ordinal);
        output.WriteLine(result.Description);
        var lowGain = AudioFiles.Sdr(low, result.Stem("low")) - AudioFiles.Sdr(low, mixture);
        var highGain = AudioFiles.Sdr(high, result.Stem("high")) - AudioFiles.Sdr(high, mixture);
        output.WriteLine($"SDR gains over the mixture: low {lowGain:F2} dB, high {highGain:F2} dB");
        Assert.True(lowGain >= 3, $"low stem beats the mixture by only {lowGain:F2} dB");
        Assert.True(highGain >= 3, $"high stem beats the mixture by only {highGain:F2} dB");
        AssertSumsTo(mixture, result, 1e-4f);
    }

    [SharedDataFact]
    public async Task Mask_model_stems_of_a_real_drum_loop_sum_to_the_loop()
    {
        var (drums, rate) = AudioFiles.Load("breaks157/000_PLEAD.WAV");
        Assert.Equal(Rate, rate);
        var loop = AudioFiles.Fit(drums, 2, drums[0].Length);
        var (separator, registry) = Separators.Create(Separators.FolderWith("test-spectro-2stem"));
        using var _ = registry;
        await using var __ = separator;

        var result = await separator.SeparateAsync(loop, rate);

        AssertSumsTo(loop, result, 1e-4f);
        Assert.True(AudioFiles.Rms(result.Stem("low")) > 1e-3 && AudioFiles.Rms(result.Stem("high")) > 1e-3, "a drum loop has energy on both sides of 1 kHz");
    }

    [Fact]
    public async Task Magnitude_model_with_the_mixture_phase_gives_the_stems_of_the_equivalent_mask_model()
    {
        var mixture = OverlapAddPipelineTests.Planar(2, (Rate * 3) + 5, seed: 31);
        var (separator, registry) = Separators.Create(Separators.FolderWith("test-spectro-2stem", "test-spectro-magnitude-2stem"),
            new SeparationOptions { ModelName = "test-spectro-magnitude-2stem" });
        using var _ = registry;
        await using var __ = separator;
        var (maskSeparator, maskRegistry) = Separators.Create(Separators.FolderWith("test-spectro-2stem"));
        using var ___ = maskRegistry;
        await using var ____ = maskSeparator;

        var magnitude = await separator.SeparateAsync(mixture, Rate);
        var mask = await maskSeparator.SeparateAsync(mixture, Rate);

        Assert.Equal("model:test-spectro-magnitude-2stem", magnitude.Method);
        Assert.Contains("output magnitude", magnitude.Description, StringComparison.Ordinal);
        for (var s = 0; s < 2; s++)
        {
            for (var c = 0; c < 2; c++)
            {
                for (var i = 0; i < mixture[c].Length; i++)
                {
                    Assert.InRange(magnitude.Stems[s][c][i] - mask.Stems[s][c][i], -1e-4f, 1e-4f);
                }
            }
        }
    }

    [Fact]
    public async Task Concurrent_requests_share_the_spectrogram_models_batcher_and_meter()
    {
        var (separator, registry) = Separators.Create(Separators.FolderWith("test-spectro-2stem"), new SeparationOptions { BatchSize = 4 });
        using var _ = registry;
        await using var __ = separator;
        var inputs = Enumerable.Range(0, 3).Select(i => OverlapAddPipelineTests.Planar(2, Rate * 4, seed: 40 + i)).ToArray();

        var results = await Task.WhenAll(inputs.Select(x => separator.SeparateAsync(x, Rate)));

        // 4 s with 2 s segments and a 0.5 s overlap: segments start at 0, 1.5 s and 3 s.
        var totals = separator.Meter.Read();
        Assert.Equal(9, totals.Segments);
        Assert.InRange(totals.Batches, 3, 9);
        Assert.InRange(totals.LargestBatch, 1, 4);
        for (var r = 0; r < inputs.Length; r++)
        {
            AssertSumsTo(inputs[r], results[r], 1e-4f);
        }
    }

    [Fact]
    public async Task The_separation_model_is_chosen_by_name_between_waveform_and_spectrogram_models()
    {
        var folder = Separators.FolderWith("test-separator-2stem", "test-spectro-2stem");
        var mixture = OverlapAddPipelineTests.Planar(2, Rate * 3, seed: 50);
        foreach (var (name, expected) in new[]
        {
            ((string?)null, "model:test-separator-2stem"),
            ("test-separator-2stem", "model:test-separator-2stem"),
            ("test-spectro-2stem", "model:test-spectro-2stem"),
        })
        {
            var (separator, registry) = Separators.Create(folder, new SeparationOptions { ModelName = name });
            using var _ = registry;
            await using var __ = separator;

            Assert.Equal(expected, separator.MethodFor(SeparationTarget.AllStems));
            var result = await separator.SeparateAsync(mixture, Rate);
            Assert.Equal(expected, result.Method);
            Assert.Equal(expected == "model:test-spectro-2stem", result.Description.Contains("on spectrograms", StringComparison.Ordinal));
            AssertSumsTo(mixture, result, 1e-4f);
        }
    }

    private static float[][] Tones(int frames, double frequency, float left, float right)
    {
        var audio = new[] { new float[frames], new float[frames] };
        for (var i = 0; i < frames; i++)
        {
            var x = (float)Math.Sin(2 * Math.PI * frequency * i / Rate);
            audio[0][i] = left * x;
            audio[1][i] = right * x;
        }

        return audio;
    }

    private static void AssertSumsTo(float[][] mixture, SeparationResult result, float tolerance)
    {
        var worst = 0f;
        for (var c = 0; c < mixture.Length; c++)
        {
            for (var i = 0; i < mixture[c].Length; i++)
            {
                var sum = 0f;
                foreach (var stem in result.Stems)
                {
                    sum += stem[c][i];
                }

                worst = Math.Max(worst, Math.Abs(sum - mixture[c][i]));
            }
        }

        Assert.True(worst <= tolerance, $"the stems' sum departs from the mixture by up to {worst}");
    }
}
