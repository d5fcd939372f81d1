using SampleMind.GpuWorker.Separation;
using SampleMind.GpuWorker.Tests.Support;
using SampleMind.TestSupport;
using Xunit.Abstractions;

namespace SampleMind.GpuWorker.Tests.Separation;

public sealed class DspSeparationTests(ITestOutputHelper output)
{
    [SharedDataTheory]
    [InlineData(SeparationQuality.Fast, "1 s Hann cross-fade", "STFT 2048/512")]
    [InlineData(SeparationQuality.High, "2 s Hann cross-fade", "STFT 2048/256")]
    public async Task Hpss_separates_a_drum_loop_from_a_bass_better_than_the_mixture_by_3_db(SeparationQuality quality, string overlap, string stft)
    {
        var (drums, rate) = AudioFiles.Load("breaks157/000_PLEAD.WAV");
        var (bass, bassRate) = AudioFiles.Load("bass2/69988__noizemassacre__hardcore-bass-1.wav");
        Assert.Equal(rate, bassRate);
        var frames = Math.Min(drums[0].Length, bass[0].Length);
        var drumStem = AudioFiles.Fit(drums, 2, frames);
        var bassStem = AudioFiles.Fit(bass, 2, frames, (float)(AudioFiles.Rms(drumStem) / AudioFiles.Rms(AudioFiles.Fit(bass, 2, frames))));
        var mixture = AudioFiles.Sum(drumStem, bassStem);
        var (separator, registry) = Separators.Create(modelsDirectory: null);
        using var _ = registry;

        var result = await separator.SeparateAsync(mixture, rate, quality: quality);

        Assert.Equal(SeparationMethods.DspHpss, result.Method);
        Assert.Contains(overlap, result.Description, StringComparison.Ordinal);
        Assert.Contains(stft, result.Description, StringComparison.Ordinal);
        output.WriteLine($"{quality}: {result.Description}");
        var harmonicGain = AudioFiles.Sdr(bassStem, result.Stem("harmonic")) - AudioFiles.Sdr(bassStem, mixture);
        var percussiveGain = AudioFiles.Sdr(drumStem, result.Stem("percussive")) - AudioFiles.Sdr(drumStem, mixture);
        output.WriteLine($"SDR harmonic vs bass: {AudioFiles.Sdr(bassStem, result.Stem("harmonic")):F2} dB (mixture {AudioFiles.Sdr(bassStem, mixture):F2} dB, gain {harmonicGain:F2} dB)");
        output.WriteLine($"SDR percussive vs drums: {AudioFiles.Sdr(drumStem, result.Stem("percussive")):F2} dB (mixture {AudioFiles.Sdr(drumStem, mixture):F2} dB, gain {percussiveGain:F2} dB)");
        Assert.True(harmonicGain >= 3, $"harmonic stem beats the mixture by only {harmonicGain:F2} dB");
        Assert.True(percussiveGain >= 3, $"percussive stem beats the mixture by only {percussiveGain:F2} dB");
    }

    [SharedDataFact]
    public async Task Hpss_stems_sum_to_the_mixture()
    {
        var (drums, rate) = AudioFiles.Load("breaks157/000_PLEAD.WAV");
        var (separator, registry) = Separators.Create(modelsDirectory: null, new SeparationOptions { DspSegmentSeconds = 1, DspOverlapSeconds = 0.25 });
        using var _ = registry;

        var result = await separator.SeparateAsync(drums, rate);

        for (var i = 0; i < drums[0].Length; i++)
        {
            Assert.InRange(result.Stems[0][0][i] + result.Stems[1][0][i] - drums[0][i], -1e-4f, 1e-4f);
        }
    }

    [SharedDataFact]
    public async Task Repet_takes_a_non_repeating_melody_out_of_a_repeating_loop()
    {
        var (loop, rate) = AudioFiles.Load("breaks157/000_PLEAD.WAV");
        var frames = loop[0].Length * 4;
        var background = new[] { Enumerable.Range(0, frames).Select(i => loop[0][i % loop[0].Length]).ToArray() };
        var melody = new[] { new float[frames] };
        var notes = new[] { 220.0, 277.18, 329.63, 415.3, 246.94, 369.99, 293.66, 440.0 };
        var noteLength = frames / notes.Length;
        for (var i = 0; i < frames; i++)
        {
            var f = notes[Math.Min(notes.Length - 1, i / noteLength)];
            melody[0][i] = (float)(0.3 * Math.Sin(2 * Math.PI * f * i / rate));
        }

        var gain = (float)(AudioFiles.Rms(background) / AudioFiles.Rms(melody));
        melody[0] = melody[0].Select(x => x * gain).ToArray();
        var mixture = AudioFiles.Sum(background, melody);
        var (separator, registry) = Separators.Create(modelsDirectory: null);
        using var _ = registry;

        var result = await separator.SeparateAsync(mixture, rate, SeparationTarget.Vocals);

        Assert.Equal(SeparationMethods.DspRepet, result.Method);
        var vocalsGain = AudioFiles.Sdr(melody, result.Stem("vocals")) - AudioFiles.Sdr(melody, mixture);
        var accompanimentGain = AudioFiles.Sdr(background, result.Stem("accompaniment")) - AudioFiles.Sdr(background, mixture);
        output.WriteLine($"REPET gains: vocals {vocalsGain:F2} dB, accompaniment {accompanimentGain:F2} dB");
        Assert.True(vocalsGain >= 3, $"vocals beat the mixture by only {vocalsGain:F2} dB");
        Assert.True(accompanimentGain >= 3, $"accompaniment beats the mixture by only {accompanimentGain:F2} dB");
    }
}
