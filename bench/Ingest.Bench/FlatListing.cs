using System.Diagnostics;
using System.Globalization;
using SampleMind.Grains.Ingest;

namespace SampleMind.Ingest.Bench;

/// <summary>
/// A job's listing of one large folder: <see cref="DirectoryBatches"/> (as <c>IngestJobGrain</c> lists a directory
/// source) in batches of <see cref="IngestOptions.ListBatchSize"/>, each from the cursor the batch before it ended at,
/// over a temp folder of empty .wav files (the listing reads names only). Prints the time of the first batches, the
/// slowest batch, the passes over the folder and the whole folder; exits 1 if the listing does not return every file
/// once, in order.
/// </summary>
internal static class FlatListing
{
    public static int Run(int files)
    {
        var options = new IngestOptions();
        var folder = Directory.CreateTempSubdirectory("samplemind-list-flat-").FullName;
        try
        {
            for (var i = 0; i < files; i++)
            {
                File.Create(Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"s{i:D8}.wav"))).Dispose();
            }

            Console.WriteLine($"listing {files:N0} files of one folder in batches of {options.ListBatchSize}");
            var batches = new List<TimeSpan>();
            var lister = new DirectoryBatches(folder, options);
            var listed = 0;
            string? cursor = null;
            string? previous = null;
            var total = Stopwatch.StartNew();
            while (true)
            {
                var watch = Stopwatch.StartNew();
                var batch = lister.Next(cursor);
                batches.Add(watch.Elapsed);
                foreach (var name in batch)
                {
                    if (previous is not null && string.CompareOrdinal(previous, name) >= 0)
                    {
                        Console.Error.WriteLine($"out of order: {name} after {previous}");
                        return 1;
                    }

                    previous = name;
                }

                listed += batch.Count;
                if (batch.Count < options.ListBatchSize)
                {
                    break;
                }

                cursor = batch[^1];
            }

            total.Stop();
            Console.WriteLine($"first batches (ms): {string.Join(", ", batches.Take(5).Select(b => b.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture)))}");
            Console.WriteLine($"{batches.Count} batches in {lister.Passes} passes over the folder, slowest {batches.Max().TotalMilliseconds:0.0} ms, mean {batches.Average(b => b.TotalMilliseconds):0.0} ms; " +
                $"whole folder {total.Elapsed.TotalSeconds:0.00} s = {listed / total.Elapsed.TotalSeconds:0} files/s");
            if (listed != files)
            {
                Console.Error.WriteLine($"listed {listed} of {files} files");
                return 1;
            }

            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
