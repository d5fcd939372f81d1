using SampleMind.Grains.Ingest;

namespace SampleMind.Grains.Tests.Ingest;

/// <summary>
/// A job's batches of a directory source: one pass over the folders lists several batches, handed out while the job's
/// cursor follows them (more when the folders are large beside what a pass lists); a cursor anywhere else starts a
/// new pass from it.
/// </summary>
public sealed class DirectoryBatchesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("batches-").FullName;
    private readonly IngestOptions _options = new() { ListBatchSize = 10 };

    public DirectoryBatchesTests()
    {
        for (var i = 0; i < 95; i++)
        {
            var relative = i % 3 == 0 ? $"sub/f{i:D3}.wav" : $"f{i:D3}.wav";
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(_dir, relative))!);
            File.WriteAllBytes(Path.Combine(_dir, relative), [1]);
        }
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_job_following_its_batches_gets_every_file_once_in_order_from_one_pass_per_eight_batches()
    {
        var batches = new DirectoryBatches(_dir, _options);
        var (listed, sizes) = FollowToTheEnd(batches, _options.ListBatchSize);

        Assert.Equal(SourceLister.NextFromDirectory(_dir, null, 1000, _options), listed);
        Assert.Equal(95, listed.Count);
        Assert.Equal([10, 10, 10, 10, 10, 10, 10, 10, 10, 5], sizes);
        Assert.Equal(2, batches.Passes);
    }

    [Fact]
    public void A_cursor_other_than_the_last_batch_end_is_listed_from_afresh()
    {
        var all = SourceLister.NextFromDirectory(_dir, null, 1000, _options);
        var batches = new DirectoryBatches(_dir, _options);
        var first = batches.Next(null);

        // The batch was not recorded (the job kept its old cursor), and a job elsewhere moved further on.
        Assert.Equal(first, batches.Next(null));
        Assert.Equal(all.Skip(41).Take(10), batches.Next(all[40]));
        Assert.Equal(3, batches.Passes);

        // A file added after a pass, past the files it holds, is listed when the job gets there.
        File.WriteAllBytes(Path.Combine(_dir, "z-added.wav"), [1]);
        var rest = new List<string>();
        var cursor = all[50];
        while (batches.Next(cursor) is { Count: > 0 } batch)
        {
            rest.AddRange(batch);
            cursor = batch[^1];
        }

        Assert.Equal([.. all.Skip(51), "z-added.wav"], rest);
    }

    [Fact]
    public void A_large_folder_is_read_once_per_many_batches_and_every_batch_but_the_last_is_whole()
    {
        var large = Directory.CreateTempSubdirectory("batches-large-").FullName;
        try
        {
            const int files = 2_000;
            for (var i = 0; i < files; i++)
            {
                File.WriteAllBytes(Path.Combine(large, $"s{i:D5}.wav"), []);
            }

            var options = new IngestOptions { ListBatchSize = 3 };
            var batches = new DirectoryBatches(large, options);
            var (listed, sizes) = FollowToTheEnd(batches, options.ListBatchSize);

            // A short batch ends the job's listing, so a pass that lists more than eight batches lists whole ones.
            Assert.Equal(Enumerable.Range(0, files).Select(i => $"s{i:D5}.wav"), listed);
            Assert.All(sizes[..^1], size => Assert.Equal(3, size));
            Assert.Equal(files % 3, sizes[^1]);

            // Eight batches a pass would read the folder 84 times; after the first pass has read 2,000 entries for 24
            // files, each pass lists about one file per 16 entries it reads.
            var eightBatchPasses = (files + 23) / 24;
            Assert.InRange(batches.Passes, 2, eightBatchPasses / 4);
        }
        finally
        {
            Directory.Delete(large, recursive: true);
        }
    }

    /// <summary>Takes batches as a job does, each from where the last ended, until one is short; the files and each batch's size.</summary>
    private static (List<string> Listed, List<int> Sizes) FollowToTheEnd(DirectoryBatches batches, int batchSize)
    {
        var listed = new List<string>();
        var sizes = new List<int>();
        string? cursor = null;
        while (true)
        {
            var batch = batches.Next(cursor);
            sizes.Add(batch.Count);
            listed.AddRange(batch);
            if (batch.Count < batchSize)
            {
                return (listed, sizes);
            }

            cursor = batch[^1];
        }
    }
}
