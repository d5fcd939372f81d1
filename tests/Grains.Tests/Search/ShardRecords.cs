using SampleMind.Audio;
using SampleMind.Grains.Abstractions.Samples;
using SampleMind.Grains.Search;
using SampleMind.Search.Filters;

namespace SampleMind.Grains.Tests.Search;

/// <summary>Sample records and shard entries made up for shard tests: deterministic per seed, the shapes the analysis produces.</summary>
internal static class ShardRecords
{
    /// <summary>A record of "kicks/kick {seed}.wav" with a 64-dimension embedding (or none, as a fast-level ingest leaves it).</summary>
    public static SampleRecord Record(string tenantId, string libraryId, int seed, bool embedding = true)
    {
        var random = new Random(seed);
        var analysis = new SampleAnalysis
        {
            Level = embedding ? AnalysisLevel.Standard : AnalysisLevel.Fast,
            Format = new AudioFormatInfo { Container = "wav", Codec = "pcm_s16le", SampleRate = 44100, Channels = 1, Frames = 44100, DurationSeconds = 1 },
            Loudness = new LoudnessInfo { IntegratedLufs = -12 - seed },
            Fingerprint = new FingerprintInfo { Raw = [.. Enumerable.Range(0, 40).Select(_ => random.Next())], Encoded = "AQAA", Looped = false },
            Embedding = embedding ? Embedding(random) : null,
        };
        var path = $"kicks/kick {seed}.wav";
        return new SampleRecord($"s-{libraryId}-{seed:D4}", tenantId, libraryId, path, "/in/" + path, $"sha-{seed}", 88244, null, [],
            "job-1", DateTimeOffset.UnixEpoch, analysis);
    }

    /// <summary>The record of "kicks/kick {seed}.wav" with a real <paramref name="analysis"/>.</summary>
    public static SampleRecord Analysed(string tenantId, string libraryId, int seed, SampleAnalysis analysis) =>
        Record(tenantId, libraryId, seed) with { Analysis = analysis };

    /// <summary>An entry of <paramref name="sampleId"/>, with a melody when <paramref name="melodic"/>.</summary>
    public static LibraryEntry Entry(string sampleId, int seed, bool melodic = false) =>
        new(new SampleFeatures(sampleId) { LibraryId = "lib", Bpm = 100 + seed, Name = "kick " + seed, Path = $"kicks/kick {seed}.wav", Tags = ["drum"] },
            [seed, -seed, int.MaxValue - seed],
            melodic ? new MelodyContour { FrameRate = 50, Pitches = [600, 620, 0, 640] } : null);

    private static float[] Embedding(Random random)
    {
        var vector = new float[LibraryGrain.Dimensions];
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] = (float)((random.NextDouble() * 2) - 1);
        }

        return vector;
    }
}
