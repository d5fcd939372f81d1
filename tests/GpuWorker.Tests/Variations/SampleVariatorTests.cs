using Microsoft.Extensions.Options;
using SampleMind.GpuWorker.Models;
using SampleMind.GpuWorker.Tests.Support;
using SampleMind.GpuWorker.Variations;
using SampleMind.TestSupport;
using Xunit.Abstractions;

namespace SampleMind.GpuWorker.Tests.Variations;

public sealed class SampleVariatorTests(ITestOutputHelper output)
{
    private const string Tonal = "arp/000_arp2.wav";

    [SharedDataTheory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task A_dsp_variation_keeps_duration_class_and_key_and_differs_from_the_source(int seed)
    {
        var (audio, rate) = AudioFiles.Load(Tonal);

        var result = await Variator(null).VaryAsync(audio, rate, new VariationRequest { Seed = seed });

        var shift = Spectra.KeyShift(Spectra.Chroma(audio, rate), Spectra.Chroma(result.Audio, rate));
        var distance = Spectra.DistanceDb(audio, result.Audio, rate);
        output.WriteLine($"seed {seed}: {result.Description}; key shift {shift}, spectral distance {distance:F2} dB, " +
            $"{audio[0].Length / (double)rate:F2} s -> {result.Audio[0].Length / (double)rate:F2} s");
        Assert.Equal(SampleVariator.DspMethod, result.Method);
        Assert.Equal(Spectra.DurationClass(audio[0].Length, rate), Spectra.DurationClass(result.Audio[0].Length, rate));
        Assert.InRange(shift, -1, 1);
        Assert.True(distance > 1.0, $"the variation is only {distance:F2} dB from the source");
    }

    [SharedDataFact]
    public async Task Variance_0_gives_the_source_back_and_more_variance_moves_further_from_it()
    {
        var (audio, rate) = AudioFiles.Load(Tonal);
        var variator = Variator(null);

        var none = await variator.VaryAsync(audio, rate, new VariationRequest { Seed = 1, Variance = 0 });
        Assert.Equal(audio.Length, none.Audio.Length);
        for (var c = 0; c < audio.Length; c++)
        {
            Assert.Equal(audio[c], none.Audio[c]);
        }

        Assert.Equal("variance 0: no random changes", Assert.Single(none.Steps));

        // Before, the DSP method ignored the variance: every value gave the same files.
        var distances = new Dictionary<float, double>();
        foreach (var variance in new[] { 0.02f, 0.1f, 1f })
        {
            var total = 0.0;
            for (var seed = 1; seed <= 4; seed++)
            {
                var result = await variator.VaryAsync(audio, rate, new VariationRequest { Seed = seed, Variance = variance });
                total += Spectra.DistanceDb(audio, result.Audio, rate);
            }

            distances[variance] = total / 4;
            output.WriteLine($"variance {variance}: mean spectral distance {distances[variance]:F2} dB");
        }

        Assert.True(distances[0.02f] < distances[0.1f] && distances[0.1f] < distances[1f], string.Join(", ", distances));
    }

    [SharedDataFact]
    public async Task Two_requests_make_different_variations_and_one_request_the_same_on_every_run()
    {
        var (audio, rate) = AudioFiles.Load(Tonal);
        var variator = Variator(null);
        Assert.Equal(VariationRequest.SeedFor("req-a", 1), VariationRequest.SeedFor("req-a", 1));
        Assert.NotEqual(VariationRequest.SeedFor("req-a", 1), VariationRequest.SeedFor("req-b", 1));
        Assert.NotEqual(VariationRequest.SeedFor("req-a", 1), VariationRequest.SeedFor("req-a", 2));

        var first = await variator.VaryAsync(audio, rate, new VariationRequest { Seed = VariationRequest.SeedFor("req-a", 1) });
        var rerun = await variator.VaryAsync(audio, rate, new VariationRequest { Seed = VariationRequest.SeedFor("req-a", 1) });
        var other = await variator.VaryAsync(audio, rate, new VariationRequest { Seed = VariationRequest.SeedFor("req-b", 1) });

        Assert.Equal(first.Audio[0], rerun.Audio[0]);
        Assert.NotEqual(first.Description, other.Description);
    }

    [SharedDataFact]
    public async Task An_asked_pitch_shift_moves_the_key_by_that_many_semitones()
    {
        var (audio, rate) = AudioFiles.Load(Tonal);

        var result = await Variator(null).VaryAsync(audio, rate, new VariationRequest { Seed = 4, PitchSemitones = 3, AllowResequence = false });

        var shift = Spectra.KeyShift(Spectra.Chroma(audio, rate), Spectra.Chroma(result.Audio, rate));
        output.WriteLine($"asked +3 semitones, measured {shift}: {result.Description}");
        Assert.InRange(shift, 2, 4);
        Assert.Contains(result.Steps, s => s.Contains("+3 semitones", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_installed_generative_model_makes_the_variation_and_says_so()
    {
        var tone = Enumerable.Range(0, 44100 * 3).Select(i => 0.5f * MathF.Sin(2 * MathF.PI * 220 * i / 44100)).ToArray();
        var variator = Variator(Separators.FolderWith("test-generator"));

        var first = await variator.VaryAsync([tone, tone], 44100, new VariationRequest { Seed = 1, Variance = 0.05f });
        var again = await variator.VaryAsync([tone, tone], 44100, new VariationRequest { Seed = 1, Variance = 0.05f });

        Assert.Equal("model:test-generator", first.Method);
        Assert.Equal(tone.Length, first.Audio[0].Length);
        Assert.Equal(first.Audio[0], again.Audio[0]);
        var difference = first.Audio[0].Zip(tone, (a, b) => Math.Abs(a - b)).Average();
        Assert.InRange(difference, 0.01, 0.2);
    }

    private static SampleVariator Variator(string? models) =>
        new(new ModelRegistry(() => Support.Runtime.Cpu, Options.Create(new ModelRegistryOptions { Directory = models })));
}
