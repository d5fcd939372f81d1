using System.IO.Enumeration;

namespace SampleMind.Grains.Ingest;

/// <summary>
/// Lists a job's source in a deterministic order so listing can stop anywhere and resume from a
/// cursor (the last relative path listed, or the manifest line number) without holding the whole
/// listing in memory: a directory is walked depth-first with each folder's entries in ordinal order.
/// </summary>
public static class SourceLister
{
    /// <summary>Fewest entries taken from a folder per pass over it (a pass reads the whole folder).</summary>
    private const int MinEntriesPerPass = 256;

    /// <summary>As <see cref="DirectoryInfo.GetFileSystemInfos()"/>: hidden entries too, and an unreadable folder is an error.</summary>
    private static readonly EnumerationOptions s_enumeration = new() { AttributesToSkip = 0, IgnoreInaccessible = false };

    private static readonly Comparer<string> s_descending = Comparer<string>.Create(static (a, b) => string.CompareOrdinal(b, a));

    /// <summary>
    /// Up to <paramref name="max"/> sample files after <paramref name="cursor"/> (null: from the start). A subfolder that
    /// cannot be read is passed over as if empty; the root folder not being readable throws.
    /// </summary>
    public static List<string> NextFromDirectory(string root, string? cursor, int max, IngestOptions options) =>
        NextFromDirectory(root, cursor, max, options, null, out _);

    /// <summary>
    /// Up to <paramref name="max"/> sample files after <paramref name="cursor"/> (null: from the start), and how many
    /// directory entries were read to find them (each folder on the cursor's path is read whole). A subfolder that cannot
    /// be read is listed in its place among the files and its reason added to <paramref name="unreadable"/> under its
    /// path, so a job sets it aside as a failed item and lists on; with no <paramref name="unreadable"/> it is passed
    /// over as if empty. The root folder not being readable throws (there is nothing to list).
    /// </summary>
    public static List<string> NextFromDirectory(
        string root, string? cursor, int max, IngestOptions options, IDictionary<string, string>? unreadable, out long entriesRead)
    {
        var found = new List<string>(Math.Min(max, 4096));
        entriesRead = 0;
        Walk(root, "", cursor, max, options, found, unreadable, ref entriesRead);
        return found;
    }

    /// <summary>Why the folder at <paramref name="relativePath"/> cannot be read, in words, from the error reading it gave.</summary>
    public static string UnreadableReason(string relativePath, Exception error) =>
        $"folder '{relativePath}' cannot be read: {Describe(error)}";

    /// <summary>A listing error in words, without the server's absolute paths where the error is a common one.</summary>
    public static string Describe(Exception error) => error switch
    {
        UnauthorizedAccessException => "permission denied",
        DirectoryNotFoundException => "no such folder",
        _ => error.Message,
    };

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

    /// <summary>Compares relative paths component by component, the order <see cref="NextFromDirectory(string, string?, int, IngestOptions)"/> lists in.</summary>
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

    private static void Walk(
        string root, string relativeDir, string? cursor, int max, IngestOptions options, List<string> found,
        IDictionary<string, string>? unreadable, ref long entriesRead)
    {
        var directory = relativeDir.Length == 0 ? root : Path.Combine(root, relativeDir.Replace('/', Path.DirectorySeparatorChar));
        var from = CursorNameIn(relativeDir, cursor);
        string? last = null;
        while (found.Count < max)
        {
            List<(string Name, bool IsDirectory)> entries;
            try
            {
                entries = NextEntries(directory, from, last, Math.Max(max - found.Count, MinEntriesPerPass), options, ref entriesRead);
            }
            catch (Exception e) when (relativeDir.Length > 0 && last is null && e is UnauthorizedAccessException or IOException)
            {
                // A folder that cannot be opened (lost+found at a volume's root is 0700) is one failed item, not the
                // listing's end: the walk goes on with the folder's next sibling.
                if (unreadable is not null)
                {
                    unreadable[relativeDir] = UnreadableReason(relativeDir, e);
                    found.Add(relativeDir);
                }

                return;
            }

            if (entries.Count == 0)
            {
                return;
            }

            foreach (var (name, isDirectory) in entries)
            {
                if (found.Count >= max)
                {
                    return;
                }

                last = name;
                var relative = relativeDir.Length == 0 ? name : relativeDir + "/" + name;
                var after = from is null || string.CompareOrdinal(name, from) > 0;
                if (isDirectory)
                {
                    var cursorInside = !after && cursor!.StartsWith(relative + "/", StringComparison.Ordinal);
                    if ((after || cursorInside) && !IsLink(Path.Combine(directory, name)))
                    {
                        Walk(root, relative, cursorInside ? cursor : null, max, options, found, unreadable, ref entriesRead);
                    }
                }
                else if (after && !IsLink(Path.Combine(directory, name)))
                {
                    found.Add(relative);
                }
            }
        }
    }

    /// <summary>
    /// The name at <paramref name="relativeDir"/>'s depth of the cursor's path when the cursor lies in that directory;
    /// null when it does not (the walk only enters a directory at or after the cursor, so every entry is after it).
    /// </summary>
    private static string? CursorNameIn(string relativeDir, string? cursor)
    {
        if (cursor is null)
        {
            return null;
        }

        var prefix = relativeDir.Length == 0 ? "" : relativeDir + "/";
        if (!cursor.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = cursor.AsSpan(prefix.Length);
        var slash = rest.IndexOf('/');
        return (slash < 0 ? rest : rest[..slash]).ToString();
    }

    /// <summary>
    /// The <paramref name="count"/> entries of <paramref name="directory"/> that come first in ordinal order among the
    /// folders and sample files named at or after <paramref name="from"/> and after <paramref name="last"/>, in that
    /// order. One pass over the directory that keeps only those entries (a bounded heap), so that a folder of a
    /// million files is read, not sorted and held, for each batch listed from it.
    /// </summary>
    private static List<(string Name, bool IsDirectory)> NextEntries(
        string directory, string? from, string? last, int count, IngestOptions options, ref long entriesRead)
    {
        var read = 0L;
        // The largest kept name on top, so each later, smaller name replaces it. An entry that would not be kept is
        // passed over before its name is copied.
        var kept = new PriorityQueue<(string Name, bool IsDirectory), string>(Math.Min(count + 1, 1024), s_descending);
        var enumerable = new FileSystemEnumerable<(string Name, bool IsDirectory)>(
            directory,
            static (ref FileSystemEntry entry) => (entry.FileName.ToString(), entry.IsDirectory),
            s_enumeration)
        {
            ShouldIncludePredicate = (ref FileSystemEntry entry) =>
            {
                read++;
                return (from is null || entry.FileName.CompareTo(from, StringComparison.Ordinal) >= 0)
                    && (last is null || entry.FileName.CompareTo(last, StringComparison.Ordinal) > 0)
                    && (kept.Count < count || entry.FileName.CompareTo(kept.Peek().Name, StringComparison.Ordinal) < 0)
                    && (entry.IsDirectory || options.IsSampleFileName(entry.FileName));
            },
        };

        foreach (var entry in enumerable)
        {
            // The predicate let it through: the heap has room, or the entry comes before the largest kept.
            if (kept.Count < count)
            {
                kept.Enqueue(entry, entry.Name);
            }
            else
            {
                kept.EnqueueDequeue(entry, entry.Name);
            }
        }

        entriesRead += read;
        var ordered = new List<(string Name, bool IsDirectory)>(kept.Count);
        while (kept.TryDequeue(out var entry, out _))
        {
            ordered.Add(entry);
        }

        ordered.Reverse();
        return ordered;
    }

    /// <summary>Symbolic links are not followed: a linked folder is not entered and a linked file is not listed.</summary>
    private static bool IsLink(string path) => new FileInfo(path).LinkTarget is not null;
}
