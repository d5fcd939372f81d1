using SampleMind.Audio.Analysis;
using SampleMind.Grains.Abstractions.Samples;
using SampleMind.Grains.Ingest;
using SampleMind.Search.Filters;

namespace SampleMind.Grains.Search;

/// <summary>Maps a sample's record (analysis and catalogue facts) to the features search filters and ranks on.</summary>
internal static class LibraryFeatures
{
    public static SampleFeatures From(SampleRecord record)
    {
        var summary = SampleSummaries.From(record);
        return new SampleFeatures(record.SampleId)
        {
            LibraryId = record.LibraryId,
            Key = CamelotKey.TryParse(summary.Camelot, out var key) ? key : null,
            Bpm = summary.Bpm,
            Type = record.Analysis.Loop is null ? SampleType.Unknown : summary.Type == "loop" ? SampleType.Loop : SampleType.OneShot,
            DurationSeconds = summary.DurationSeconds,
            LoudnessLufs = summary.Lufs is { } lufs && double.IsFinite(lufs) ? lufs : null,
            Defects = summary.Defects,
            Tags = summary.Tags,
            Labels = summary.Labels,
            Descriptors = DescriptorStrengths.Of(record.Analysis),
            Name = Path.GetFileNameWithoutExtension(record.RelativePath),
            Path = record.RelativePath,
        };
    }
}
