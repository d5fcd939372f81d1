using SampleMind.Audio;
using SampleMind.Grains.Abstractions.Samples;

namespace SampleMind.Grains.Ingest;

/// <summary>Builds the catalogue row of a sample from its record and analysis.</summary>
public static class SampleSummaries
{
    public static SampleSummary From(SampleRecord record)
    {
        var a = record.Analysis;
        var key = a.Key?.Best;
        return new SampleSummary(
            record.SampleId, record.LibraryId, record.RelativePath, record.ContentSha256, record.DuplicateOf,
            a.Format.DurationSeconds, a.Tempo?.Bpm, key?.Name, key?.Camelot,
            a.Loop?.IsLoop == true ? "loop" : "one-shot",
            a.Loudness.IntegratedLufs,
            a.Timbre?.Tags ?? [],
            [.. (a.Defects?.Defects ?? []).Select(d => d.Kind.Name()).Distinct()],
            record.Labels, record.IngestJobId);
    }
}
