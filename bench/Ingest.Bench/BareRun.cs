using SampleMind.Audio.Eval;
using SampleMind.Grains.Ingest;

namespace SampleMind.Ingest.Bench;

/// <summary>
/// The reference: the files an ingest of the folder would list (the ingest's own lister and extension
/// list), analysed in-process by Audio.Eval's batch analysis on the host's number of worker threads, after the same
/// untimed warm-up tones the hosts ingest.
/// </summary>
internal static class BareRun
{
    public static BenchRow Measure(IngestBenchOptions options, int run)
    {
        var files = ListFiles(options.Folder);

        // Warmed on the tones the hosts ingest before their timed jobs (every WAV shape samples-dev has most), so that
        // the first round's bare run does not compile code the later rounds' runs find compiled.
        using var warmUp = WarmUpFolder.Create(options.WarmUpFiles);
        var batch = BatchAnalysis.Run(options.Folder, files, options.Level, options.Concurrency, profileStages: false,
            Directory.GetFiles(warmUp.Path).Order(StringComparer.Ordinal).ToArray());
        var failed = batch.Results.Count - batch.Analysed;
        var note = $"{options.Concurrency} threads, cpu {batch.Cpu.TotalSeconds:0.00} s, " +
            $"{batch.AllocatedBytes / 1024.0 / Math.Max(1, files.Count):0} KiB allocated per file, {batch.Gen0Collections} gen0 GCs";
        return new BenchRow(BenchMode.Bare, run, files.Count, failed, batch.AudioSeconds, batch.Wall, Completed: true, note);
    }

    /// <summary>Full paths of the sample files under <paramref name="folder"/>, in the ingest's listing order.</summary>
    public static IReadOnlyList<string> ListFiles(string folder)
    {
        // The lister sizes its list by the maximum: the job's own bound, not int.MaxValue.
        var options = new IngestOptions();
        return [.. SourceLister.NextFromDirectory(folder, null, options.MaxFilesPerJob, options)
            .Select(relative => Path.Combine(folder, relative.Replace('/', Path.DirectorySeparatorChar)))];
    }
}
