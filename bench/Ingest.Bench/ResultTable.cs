using System.Globalization;

namespace SampleMind.Ingest.Bench;

/// <summary>Prints the runs as one Markdown table; "% of bare" compares audio-seconds/s with the median bare run.</summary>
internal static class ResultTable
{
    public static void Print(IReadOnlyList<BenchRow> rows, TextWriter output)
    {
        var bare = Median(rows.Where(r => r.Mode == BenchMode.Bare).Select(r => r.AudioSecondsPerSecond));
        output.WriteLine("| mode | run | files | failed | audio s | wall s | files/s | audio-s/s | % of bare | note |");
        output.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in rows)
        {
            var percent = bare is { } b && b > 0 ? (100 * r.AudioSecondsPerSecond / b).ToString("0", CultureInfo.InvariantCulture) : "–";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Mode.ToString().ToLowerInvariant()} | {r.Run} | {r.Files} | {r.Failed} | {r.AudioSeconds:0.0} | {r.Wall.TotalSeconds:0.00} | {r.FilesPerSecond:0.0} | {r.AudioSecondsPerSecond:0.0} | {percent} | {r.Note} |"));
        }
    }

    private static double? Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? null : sorted.Length % 2 == 1
            ? sorted[sorted.Length / 2]
            : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
