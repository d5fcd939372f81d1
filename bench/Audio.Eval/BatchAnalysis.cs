using System.Diagnostics;

namespace SampleMind.Audio.Eval;

/// <summary>
/// The bare analysis rate: every file analysed in-process by one <see cref="AudioAnalyzer"/> on a
/// given number of threads, after one untimed warm-up file, wall and process CPU time measured.
/// Audio.Eval reports it; bench/Ingest.Bench compares the end-to-end ingest rate against it.
/// </summary>
public static class BatchAnalysis
{
    /// <summary>
    /// Analyses <paramref name="files"/> (full paths under <paramref name="folder"/>) at <paramref name="level"/> on
    /// <paramref name="threads"/> threads; with <paramref name="profileStages"/> the analyzer times its stages (a system
    /// call per stage, which a server does not make). The first file, and each of <paramref name="warmUpFiles"/>, is
    /// analysed untimed first, so that the code the batch runs is compiled before the clock starts.
    /// </summary>
    public static BatchAnalysisResult Run(
        string folder, IReadOnlyList<string> files, AnalysisLevel level, int threads, bool profileStages, IReadOnlyList<string>? warmUpFiles = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        var analyzer = new AudioAnalyzer();
        analyzer.StageTimes.Enabled = profileStages;
        foreach (var file in files.Take(1).Concat(warmUpFiles ?? []))
        {
            Warm(analyzer, file, level);
        }

        var results = new EvalResult[files.Count];
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var gen0Before = GC.CollectionCount(0);
        var wall = Stopwatch.StartNew();
        Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = threads }, i =>
        {
            var relative = Path.GetRelativePath(folder, files[i]);
            var classFolder = Path.GetDirectoryName(relative) ?? string.Empty;
            try
            {
                results[i] = new EvalResult(relative, classFolder, analyzer.AnalyzeFile(files[i], level), null);
            }
            catch (Errors.AudioException e)
            {
                results[i] = new EvalResult(relative, classFolder, null, $"{e.GetType().Name}: {e.Message}");
            }
        });
        wall.Stop();
        process.Refresh();
        return new BatchAnalysisResult(results, wall.Elapsed, process.TotalProcessorTime - cpuBefore, analyzer)
        {
            AllocatedBytes = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore,
            Gen0Collections = GC.CollectionCount(0) - gen0Before,
        };
    }

    private static void Warm(AudioAnalyzer analyzer, string file, AnalysisLevel level)
    {
        try
        {
            analyzer.AnalyzeFile(file, level);
        }
        catch (Errors.AudioException)
        {
            // warming only
        }

        analyzer.StageTimes.Reset();
    }
}
