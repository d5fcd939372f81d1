using System.Runtime.InteropServices;
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
        Touch("a/._f1.wav"); // a Mac's AppleDouble file beside f1.wav: no audio, was listed and failed its item
        Touch("__MACOSX/z/._f2.wav");
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
        Assert.DoesNotContain(listed, path => Path.GetFileName(path).StartsWith("._", StringComparison.Ordinal));
    }

    [Fact]
    public void A_listing_resumed_from_any_file_continues_with_the_files_after_it()
    {
        foreach (var relative in new[]
        {
            "a/x.wav", "a/Y.wav", "a/b/1.wav", "a.wav", "a-b/2.WAV", "A/3.flac", "b/c/d/4.wav", "b/c/4.wav", "b/c.wav",
            "b/notes.txt", "b/empty.txt", "z.aiff", "z.txt",
        })
        {
            Touch(relative);
        }

        Directory.CreateDirectory(Path.Combine(_dir, "b", "empty-folder"));
        var expected = AllSamplesInWalkOrder();
        Assert.Equal(10, expected.Count);

        Assert.Equal(expected, SourceLister.NextFromDirectory(_dir, null, 100, _options));
        for (var i = 0; i < expected.Count; i++)
        {
            for (var max = 1; max <= 4; max++)
            {
                var batch = SourceLister.NextFromDirectory(_dir, expected[i], max, _options);
                Assert.Equal(expected.Skip(i + 1).Take(max), batch);
            }
        }
    }

    [Fact]
    public void A_large_folder_is_listed_in_batches_each_sample_once_in_order()
    {
        // More entries than one pass over a folder takes, with folders and other files between the samples.
        for (var i = 0; i < 1200; i++)
        {
            Touch(i % 5 == 0 ? $"big/n{i:D5}.txt" : $"big/s{i:D5}.wav");
        }

        for (var i = 0; i < 300; i++)
        {
            Directory.CreateDirectory(Path.Combine(_dir, "big", $"m{i:D4}"));
        }

        Touch("big/m0150/inside.wav");
        Touch("big/zz.wav");
        var expected = AllSamplesInWalkOrder();
        Assert.Equal(962, expected.Count);

        foreach (var max in new[] { 1, 7, 256, 500 })
        {
            var listed = new List<string>();
            string? cursor = null;
            while (true)
            {
                var batch = SourceLister.NextFromDirectory(_dir, cursor, max, _options);
                listed.AddRange(batch);
                if (batch.Count < max)
                {
                    break;
                }

                cursor = batch[^1];
            }

            Assert.Equal(expected, listed);
        }
    }

    [Fact]
    public void Symbolic_links_to_files_and_folders_are_not_listed()
    {
        Touch("real/x.wav");
        File.CreateSymbolicLink(Path.Combine(_dir, "linked.wav"), Path.Combine(_dir, "real", "x.wav"));
        Directory.CreateSymbolicLink(Path.Combine(_dir, "linked-folder"), Path.Combine(_dir, "real"));
        File.CreateSymbolicLink(Path.Combine(_dir, "dangling.wav"), Path.Combine(_dir, "gone.wav"));

        Assert.Equal(["real/x.wav"], SourceLister.NextFromDirectory(_dir, null, 10, _options));
    }

    /// <summary>
    /// A folder that cannot be read (lost+found at a volume's root) is listed in its place with its reason, and the files
    /// after it are listed too; the listing threw, and a job retried it for good.
    /// </summary>
    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void A_folder_that_cannot_be_read_is_listed_with_its_reason_and_the_files_after_it_too()
    {
        Touch("a.wav");
        Touch("zlocked/y.wav");
        Touch("zz/b.wav");
        var unreadable = new Dictionary<string, string>();

        var listed = WithUnreadable("zlocked", () => SourceLister.NextFromDirectory(_dir, null, 10, _options, unreadable, out _));
        var resumed = WithUnreadable("zlocked", () => SourceLister.NextFromDirectory(_dir, "zlocked", 10, _options, unreadable, out _));

        Assert.Equal(["a.wav", "zlocked", "zz/b.wav"], listed);
        Assert.Equal(["zz/b.wav"], resumed);
        Assert.Equal("folder 'zlocked' cannot be read: permission denied", Assert.Single(unreadable).Value);
    }

    /// <summary>Asked without a place for reasons (does the folder hold a sample?), the lister passes over such a folder.</summary>
    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void A_folder_that_cannot_be_read_is_passed_over_when_no_reasons_are_asked_for()
    {
        Touch("locked/y.wav");
        Touch("m/b.wav");

        Assert.Equal(["m/b.wav"], WithUnreadable("locked", () => SourceLister.NextFromDirectory(_dir, null, 1, _options)));
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

    /// <summary>Every sample file under the folder, found without the lister, in the order it lists them.</summary>
    private List<string> AllSamplesInWalkOrder() =>
        [.. Directory.EnumerateFiles(_dir, "*", SearchOption.AllDirectories)
            .Where(f => _options.IsSampleExtension(Path.GetExtension(f)))
            .Select(f => Path.GetRelativePath(_dir, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(Comparer<string>.Create(SourceLister.ComparePaths))];

    /// <summary>
    /// Runs <paramref name="read"/> on this thread with the folder <paramref name="relative"/> at mode 000 and, when the
    /// tests run as root (whom modes do not stop), with this thread's file system user set to nobody, which takes root's
    /// override of modes from this thread only (setfsuid(2)), so the kernel refuses the folder as it would to a service.
    /// </summary>
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    private T WithUnreadable<T>(string relative, Func<T> read)
    {
        var folder = Path.Combine(_dir, relative);
        File.SetUnixFileMode(_dir, (UnixFileMode)0b111_101_101);
        File.SetUnixFileMode(folder, UnixFileMode.None);
        var root = Environment.IsPrivilegedProcess;
        try
        {
            if (root)
            {
                SetFileSystemUser(Nobody);
            }

            return read();
        }
        finally
        {
            if (root)
            {
                SetFileSystemUser(0);
            }

            File.SetUnixFileMode(folder, (UnixFileMode)0b111_101_101);
        }
    }

    private const uint Nobody = 65534;

    /// <summary>setfsuid(2) returns the previous user whether or not it changed it; reading it back tells.</summary>
    private static void SetFileSystemUser(uint user)
    {
        setfsuid(user);
        Assert.True(setfsuid(user) == user, $"setfsuid({user}) did not take");
    }

    [DllImport("libc")]
    private static extern int setfsuid(uint fsuid);

    private void Touch(string relative)
    {
        var path = Path.Combine(_dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, [1]);
    }
}
