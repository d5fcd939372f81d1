namespace SampleMind.Grains.Ingest;

/// <summary>
/// Lists a job's source in a deterministic order so listing can stop anywhere and resume from a
/// cursor (the last relative path listed, or the manifest line number) without holding the whole
/// listing in memory: a directory is walked depth-first with each folder's entries in ordinal order.
/// </summary>
public static class SourceLister
{
    /// <summary>Up to <paramref name="max"/> sample files after <paramref name="cursor"/> (null: from the start).</summary>
    public static List<string> NextFromDirectory(string root, string? cursor, int max, IngestOptions options)
    {
        var found = new List<string>(max);
        Walk(root, "", cursor, max, options, found);
        return found;
    }

    /// <summary>
    /// Up to <paramref name="max"/> manifest lines starting at byte <paramref name="offset"/>, and the
    /// offset after them, so each batch reads only its own lines.
    /// </summary>
    public static (List<string> Lines, long NextOffset) NextFromManifest(string manifestPath, long offset, int max)
    {
        var lines = new List<string>(max);
        using var file = new FileStream(manifestPath, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024);
        file.Seek(offset, SeekOrigin.Begin);
        var line = new List<byte>(256);
        int b;
        while (lines.Count < max && (b = file.ReadByte()) >= 0)
        {
            offset++;
            if (b != '\n')
            {
                line.Add((byte)b);
                continue;
            }

            if (line.Count > 0)
            {
                lines.Add(System.Text.Encoding.UTF8.GetString([.. line]).TrimEnd('\r'));
            }

            line.Clear();
        }

        if (line.Count > 0 && lines.Count < max)
        {
            lines.Add(System.Text.Encoding.UTF8.GetString([.. line]).TrimEnd('\r'));
        }

        return (lines, offset);
    }

    /// <summary>Compares relative paths component by component, the order <see cref="NextFromDirectory"/> lists in.</summary>
    public static int ComparePaths(string a, string b)
    {
        var x = a.Split('/');
        var y = b.Split('/');
        for (var i = 0; i < Math.Min(x.Length, y.Length); i++)
        {
            var c = string.CompareOrdinal(x[i], y[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return x.Length.CompareTo(y.Length);
    }

    private static void Walk(string root, string relativeDir, string? cursor, int max, IngestOptions options, List<string> found)
    {
        var directory = relativeDir.Length == 0 ? root : Path.Combine(root, relativeDir.Replace('/', Path.DirectorySeparatorChar));
        var entries = new DirectoryInfo(directory).GetFileSystemInfos();
        Array.Sort(entries, static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        foreach (var entry in entries)
        {
            if (found.Count >= max)
            {
                return;
            }

            var relative = relativeDir.Length == 0 ? entry.Name : relativeDir + "/" + entry.Name;
            if (entry is DirectoryInfo dir)
            {
                var after = cursor is null || ComparePaths(relative, cursor) > 0;
                var cursorInside = cursor is not null && cursor.StartsWith(relative + "/", StringComparison.Ordinal);
                if ((after || cursorInside) && dir.LinkTarget is null)
                {
                    Walk(root, relative, cursor, max, options, found);
                }
            }
            else if ((cursor is null || ComparePaths(relative, cursor) > 0)
                && entry.LinkTarget is null && options.IsSampleExtension(entry.Extension))
            {
                found.Add(relative);
            }
        }
    }
}
