using System.Globalization;

namespace SampleMind.Ingest.Bench;

/// <summary>
/// Prints the runs as one Markdown table; "% of bare" compares audio-seconds/s with the median bare run, or, for runs
/// measured round by round (<c>--interleave</c>), with the bare run of the same round. A line per ingest mode follows
/// with the median of its runs' percentages.
/// </summary>
internal static class ResultTable
{
    public static void Print(IReadOnlyList<BenchRow> rows, bool interleaved, TextWriter output)
    {
        var bareMedian = Median(rows.Where(r => r.Mode == BenchMode.Bare).Select(r => r.AudioSecondsPerSecond));
        double? PercentOfBare(BenchRow r)
        {
            var bare = interleaved
                ? rows.FirstOrDefault(b => b.Mode == BenchMode.Bare && b.Run == r.Run)?.AudioSecondsPerSecond
                : bareMedian;
            return bare is { } b && b > 0 && r.Completed ? 100 * r.AudioSecondsPerSecond / b : null;
        }

        output.WriteLine("| mode | run | files | failed | audio s | wall s | files/s | audio-s/s | % of bare | note |");
        output.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in rows)
        {
            var percent = PercentOfBare(r) is { } p ? p.ToString("0", CultureInfo.InvariantCulture) : "–";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Mode.ToString().ToLowerInvariant()} | {r.Run} | {r.Files} | {r.Failed} | {r.AudioSeconds:0.0} | {r.Wall.TotalSeconds:0.00} | {r.FilesPerSecond:0.0} | {r.AudioSecondsPerSecond:0.0} | {percent} | {r.Note} |"));
        }

        foreach (var mode in rows.Where(r => r.Mode != BenchMode.Bare).Select(r => r.Mode).Distinct())
        {
            var percents = rows.Where(r => r.Mode == mode).Select(PercentOfBare).OfType<double>().ToArray();
            if (Median(percents) is { } median)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{mode.ToString().ToLowerInvariant()}: median {median:0} % of bare ({(interleaved ? "each run against its round's bare run" : "against the median bare run")}; runs {string.Join(", ", percents.Select(p => p.ToString("0", CultureInfo.InvariantCulture)))})"));
            }
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
