using SampleMind.Grains.Ingest;

namespace SampleMind.Grains.Tests.Ingest;

public sealed class SourceListerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lister-").FullName;
    private readonly IngestOptions _options = new();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Listing_in_batches_from_the_cursor_yields_every_sample_once_in_order()
    {
        var expected = new List<string>();
        foreach (var folder in new[] { "b", "a", "a.b", "z/y" })
        {
            for (var i = 0; i < 7; i++)
            {
                var relative = $"{folder}/f{i}.wav";
                Touch(relative);
                expected.Add(relative);
            }
        }

        Touch("a/readme.txt");
        Touch("top.flac");
        expected.Add("top.flac");

        var listed = new List<string>();
        string? cursor = null;
        while (true)
        {
            var batch = SourceLister.NextFromDirectory(_dir, cursor, 5, _options);
            listed.AddRange(batch);
            if (batch.Count < 5)
            {
                break;
            }

            cursor = batch[^1];
        }

        Assert.Equal(expected.Count, listed.Count);
        Assert.Equal(expected.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
        Assert.Equal(listed, listed.Order(Comparer<string>.Create(SourceLister.ComparePaths)));
        Assert.DoesNotContain("a/readme.txt", listed);
    }

    [Fact]
    public void Manifest_batches_continue_from_the_byte_offset()
    {
        var manifest = Path.Combine(_dir, "m.manifest");
        var lines = Enumerable.Range(0, 23).Select(i => $"dir/é{i}.wav").ToList();
        File.WriteAllLines(manifest, lines);

        var read = new List<string>();
        long offset = 0;
        while (true)
        {
            var (batch, next) = SourceLister.NextFromManifest(manifest, offset, 10);
            read.AddRange(batch);
            offset = next;
            if (batch.Count < 10)
            {
                break;
            }
        }

        Assert.Equal(lines, read);
    }

    private void Touch(string relative)
    {
        var path = Path.Combine(_dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, [1]);
    }
}
