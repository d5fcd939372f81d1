using SampleMind.Audio;
using SampleMind.Grains.Abstractions.Samples;

namespace SampleMind.Grains.Ingest;

/// <summary>Builds the catalogue row of a sample from its record and analysis.</summary>
public static class SampleSummaries
{
    /// <summary>
    /// The least tempo confidence (the onset envelope's autocorrelation at the beat period over its energy) at which a
    /// sample has a tempo to list, filter and search by. Over samples-dev every loop's is 0.20 or more; a sustained tone
    /// or chord, with no rhythm, scores 0 to 0.01 and got an arbitrary 60 to 200 BPM that the bpm filters matched. The
    /// record keeps the estimate and its confidence.
    /// </summary>
    public const double MinTempoConfidence = 0.05;

    public static SampleSummary From(SampleRecord record)
    {
        var a = record.Analysis;
        var key = a.Key?.Best;
        return new SampleSummary(
            record.SampleId, record.LibraryId, record.RelativePath, record.ContentSha256, record.DuplicateOf,
            a.Format.DurationSeconds, ListedBpm(a.Tempo), key?.Name, key?.Camelot,
            a.Loop is null ? "unknown" : a.Loop.IsLoop ? "loop" : "one-shot",
            a.Loudness.IntegratedLufs,
            a.Timbre?.Tags ?? [],
            DefectNames(a),
            record.Labels, record.IngestJobId);
    }

    /// <summary>
    /// The kinds of the analysis' defects; at level fast, which reports none, still "truncated" for a file cut short, as
    /// that comes from decoding, not from the measurements a defect report needs.
    /// </summary>
    private static string[] DefectNames(SampleAnalysis a) => a.Defects is { } report
        ? [.. report.Defects.Select(d => d.Kind.Name()).Distinct()]
        : a.Format.MissingFrames is null ? [] : [DefectKind.Truncated.Name()];

    /// <summary>The tempo a listing shows: none for an estimate without rhythm behind it (too little confidence, or under two beats).</summary>
    public static double? ListedBpm(TempoInfo? tempo) =>
        tempo is { Confidence: >= MinTempoConfidence, BeatTimes.Count: >= 2 } ? tempo.Bpm : null;
}
