using SampleMind.Audio;
using SampleMind.Grains.Ingest;

namespace SampleMind.Grains.Tests.Ingest;

/// <summary>A tempo the analysis found without rhythm behind it is not listed: the bpm filters matched sine tones at 183 BPM.</summary>
public sealed class ListedBpmTests
{
    [Theory]
    [InlineData(0.317, 8, 128.0)] // samples-dev's median loop
    [InlineData(0.05, 2, 128.0)]
    [InlineData(0.001, 1, null)] // a 4 s sine: one beat, no periodicity
    [InlineData(0.006, 2, null)] // a sustained chord
    [InlineData(0.4, 1, null)]
    public void Only_a_tempo_with_rhythm_behind_it_is_listed(double confidence, int beats, double? listed)
    {
        var tempo = new TempoInfo
        {
            Bpm = 128, Confidence = confidence, HalfTimeBpm = 64, DoubleTimeBpm = 256, BeatTimes = [.. Enumerable.Range(0, beats).Select(i => i * 0.47)],
        };

        Assert.Equal(listed, SampleSummaries.ListedBpm(tempo));
    }

    [Fact]
    public void No_tempo_lists_none() => Assert.Null(SampleSummaries.ListedBpm(null));
}
