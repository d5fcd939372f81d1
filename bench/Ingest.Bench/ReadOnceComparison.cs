using System.Buffers;
using System.Globalization;
using SampleMind.Audio;
using SampleMind.Grains.Ingest;

namespace SampleMind.Ingest.Bench;

/// <summary>
/// <c>--compare-read-once ROUNDS</c>: what reading a sample costs an ingest, the two ways <see cref="SampleFiles"/> does it,
/// each followed by the analysis, on one thread: (a) hashed as it streams by, then analysed from the file (libsndfile's
/// own reads and seeks); (b) read once into a pooled buffer, hashed there and analysed from those bytes (libsndfile's
/// virtual I/O), as <c>IngestItemProcessor</c> does for a file under <c>Ingest:ReadOnceMaxBytes</c>. The two alternate
/// file by file (which goes first alternates too) so that the machine's drift falls on both; a first untimed round warms
/// the code. Reported: the thread's CPU seconds each way and the difference per file.
/// </summary>
internal static class ReadOnceComparison
{
    public static int Run(IngestBenchOptions options)
    {
        var files = BareRun.ListFiles(options.Folder);
        if (files.Count == 0)
        {
            Console.Error.WriteLine($"no sample files under {options.Folder}");
            return 1;
        }

        var analyzer = new AudioAnalyzer();
        long streamed = 0, readOnce = 0;
        for (var round = 0; round <= options.CompareReadOnceRounds; round++)
        {
            for (var i = 0; i < files.Count; i++)
            {
                var readOnceFirst = (i + round) % 2 == 0;
                for (var turn = 0; turn < 2; turn++)
                {
                    var isReadOnce = (turn == 0) == readOnceFirst;
                    var started = AnalysisStageTimes.ThreadCpuNanoseconds();
                    Ingest(analyzer, files[i], options.Level, isReadOnce);
                    var spent = AnalysisStageTimes.ThreadCpuNanoseconds() - started;
                    if (round == 0)
                    {
                        continue;
                    }

                    if (isReadOnce)
                    {
                        readOnce += spent;
                    }
                    else
                    {
                        streamed += spent;
                    }
                }
            }
        }

        var perFile = (streamed - readOnce) / 1e3 / files.Count / options.CompareReadOnceRounds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{files.Count} files x {options.CompareReadOnceRounds} rounds, level {options.LevelName}: hashed streaming + analysed from the file " +
            $"{streamed / 1e9:0.000} CPU-s; read once, hashed and analysed from the bytes {readOnce / 1e9:0.000} CPU-s " +
            $"({100.0 * readOnce / streamed:0.0} %), {perFile:0} µs a file less"));
        return 0;
    }

    private static void Ingest(AudioAnalyzer analyzer, string path, AnalysisLevel level, bool readOnce)
    {
        var buffer = readOnce ? ArrayPool<byte>.Shared.Rent((int)new FileInfo(path).Length + 1) : null;
        try
        {
            var (_, contents) = SampleFiles.ReadAndHash(path, buffer);
            if (contents is { } bytes)
            {
                analyzer.AnalyzeFile(path, bytes, level);
            }
            else
            {
                analyzer.AnalyzeFile(path, level);
            }
        }
        catch (Audio.Errors.AudioException)
        {
            // A file that fails fails both ways.
        }
        finally
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }
}
