using System.Text;
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
            [.. (a.Defects?.Defects ?? []).Select(d => DefectName(d.Kind)).Distinct()],
            record.Labels, record.IngestJobId);
    }

    /// <summary>"DcOffset" → "dc-offset": the name listings and text queries use.</summary>
    public static string DefectName(DefectKind kind)
    {
        var name = kind.ToString();
        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                text.Append('-');
            }

            text.Append(char.ToLowerInvariant(name[i]));
        }

        return text.ToString();
    }
}
