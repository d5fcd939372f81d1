using System.Text.Json;
using SampleMind.Audio.Dsp;
using SampleMind.Audio.Interop;
using SampleMind.Audio.Tests.Signals;

namespace SampleMind.Audio.Tests;

public sealed class DspTests
{
    [Fact]
    public void Every_native_library_is_found()
    {
        Assert.Empty(AudioNatives.FindMissing());
    }

    [Fact]
    public void Inverse_stft_reconstructs_the_signal()
    {
        var random = new Random(5);
        var x = new float[10000];
        for (var i = 0; i < x.Length; i++)
        {
            x[i] = (float)((random.NextDouble() * 2) - 1);
        }

        var stft = new Stft(1024, 256);
        var y = stft.Inverse(stft.Forward(x), x.Length);

        for (var i = 0; i < x.Length; i++)
        {
            Assert.InRange(y[i] - x[i], -1e-4f, 1e-4f);
        }
    }

    [Fact]
    public void Resampling_keeps_duration_and_frequency()
    {
        var tone = SignalFactory.Sine(440, 1, 44100);

        var resampled = Resampler.Resample(tone, 1, 44100, 16000);

        Assert.InRange(resampled.Length, 15990, 16010);
        var crossings = 0;
        for (var i = 1; i < resampled.Length; i++)
        {
            crossings += (resampled[i - 1] < 0) != (resampled[i] < 0) ? 1 : 0;
        }

        Assert.InRange(crossings, 876, 884);
    }

    [Fact]
    public void Analysis_round_trips_through_the_json_context()
    {
        var music = SignalFactory.Progression(4, false, [0, 3, 4, 0], 120, 22050, seed: 1);
        var analysis = new AudioAnalyzer().Analyze(music, 22050, 1, AnalysisLevel.Full);

        var json = JsonSerializer.Serialize(analysis, AudioJsonContext.Default.SampleAnalysis);
        var back = JsonSerializer.Deserialize(json, AudioJsonContext.Default.SampleAnalysis);

        Assert.NotNull(back);
        Assert.Equal(json, JsonSerializer.Serialize(back, AudioJsonContext.Default.SampleAnalysis));
        Assert.NotEmpty(back.Chords!);
        Assert.Equal(EmbeddingBuilder.Dimensions, back.Embedding!.Count);
        Assert.InRange(Math.Sqrt(back.Embedding.Sum(v => (double)v * v)), 0.999, 1.001);
    }

    [Fact]
    public void Identical_audio_fingerprints_match_and_different_audio_does_not()
    {
        var analyzer = new AudioAnalyzer();
        var a = analyzer.Analyze(SignalFactory.Progression(0, false, [0, 3, 4, 0], 100, 22050, 1), 22050, 1, AnalysisLevel.Fast);
        var b = analyzer.Analyze(SignalFactory.Progression(0, false, [0, 3, 4, 0], 100, 22050, 1), 22050, 1, AnalysisLevel.Fast);
        var c = analyzer.Analyze(SignalFactory.PinkNoise(8, 22050, 3), 22050, 1, AnalysisLevel.Fast);

        Assert.True(AudioFingerprint.Compare(a.Fingerprint, b.Fingerprint).IsDuplicate);
        Assert.False(AudioFingerprint.Compare(a.Fingerprint, c.Fingerprint).IsDuplicate);
    }
}
