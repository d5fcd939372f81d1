using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Runtime.InteropServices;

namespace SampleMind.Audio.Eval;

/// <summary>
/// What an ingest's file I/O costs per file, two ways, on one thread: (a) the file hashed as it streams through a pooled
/// 1 MiB buffer, then analysed from the file (libsndfile's own reads and seeks); (b) the file read once into a pooled
/// buffer, hashed there and analysed from those bytes (libsndfile's virtual I/O), as <c>IngestItemProcessor</c> does.
/// The two alternate file by file (which goes first alternates too) so that the machine's drift falls on both; a first
/// untimed round warms the code. Reported: the thread's CPU seconds of each way and the difference per file.
/// </summary>
internal static partial class ReadOnceComparison
{
    public static int Run(string folder, AnalysisLevel level, int rounds)
    {
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetExtension(f).Equals(".wav", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToArray();
        if (files.Length == 0)
        {
            Console.Error.WriteLine($"no WAV files under {folder}");
            return 1;
        }

        var analyzer = new AudioAnalyzer();
        long streamed = 0, readOnce = 0;
        for (var round = 0; round <= rounds; round++)
        {
            for (var i = 0; i < files.Length; i++)
            {
                var readOnceFirst = (i + round) % 2 == 0;
                for (var turn = 0; turn < 2; turn++)
                {
                    var started = ThreadCpuNanoseconds();
                    var isReadOnce = (turn == 0) == readOnceFirst;
                    Measure(analyzer, files[i], level, isReadOnce);
                    if (round > 0)
                    {
                        var spent = ThreadCpuNanoseconds() - started;
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
        }

        var perFile = (streamed - readOnce) / 1e3 / files.Length / rounds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{files.Length} files x {rounds} rounds, level {level}: hash streamed + decode the file {streamed / 1e9:0.000} CPU-s, " +
            $"read once + hash + decode the bytes {readOnce / 1e9:0.000} CPU-s ({100.0 * readOnce / streamed:0.0} %), {perFile:0} µs a file less"));
        return 0;
    }

    private static void Measure(AudioAnalyzer analyzer, string path, AnalysisLevel level, bool readOnce)
    {
        try
        {
            if (!readOnce)
            {
                HashStreamed(path);
                analyzer.AnalyzeFile(path, level);
                return;
            }

            var buffer = ArrayPool<byte>.Shared.Rent((int)new FileInfo(path).Length + 1);
            try
            {
                using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
                var length = 0;
                int read;
                while (length < buffer.Length && (read = RandomAccess.Read(file, buffer.AsSpan(length), length)) > 0)
                {
                    length += read;
                }

                SHA256.HashData(buffer.AsSpan(0, length));
                analyzer.AnalyzeFile(path, buffer.AsMemory(0, length), level);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
        catch (Errors.AudioException)
        {
            // a file that fails fails both ways
        }
    }

    private static long ThreadCpuNanoseconds()
    {
        const int ClockThreadCpuTime = 3;
        return ClockGetTime(ClockThreadCpuTime, out var time) == 0 ? (time.Seconds * 1_000_000_000) + time.Nanoseconds : 0;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    private static void HashStreamed(string path)
    {
        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            long offset = 0;
            int read;
            while ((read = RandomAccess.Read(file, buffer, offset)) > 0)
            {
                sha.AppendData(buffer, 0, read);
                offset += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
