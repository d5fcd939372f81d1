namespace SampleMind.Grains.Ingest;

/// <summary>
/// A job's listing batches of a directory source. A pass over the source (<see cref="SourceLister.NextFromDirectory(string, string?, int, IngestOptions, IDictionary{string, string}?, out long)"/>)
/// reads each folder on the cursor's path whole, however few files it returns, so one pass lists at least
/// <see cref="BatchesPerPass"/> batches and the later ones are handed out from memory, each while the job's cursor is
/// where the batch before it ended. When a pass had to read many more entries than it listed (a folder of a hundred
/// thousand files), the next pass lists more, up to <see cref="MaxPathsAhead"/> paths, so that such a folder is read
/// about once per <see cref="EntriesReadPerPath"/> entries listed instead of once per eight batches.
/// Nothing of this is persisted: a job that restarts, or whose cursor is elsewhere (a batch it could not enqueue),
/// lists again from its cursor. A file added to the folder meanwhile is listed if its name comes after the files
/// already in memory, as one added before the cursor never is.
/// </summary>
public sealed class DirectoryBatches(string root, IngestOptions options)
{
    /// <summary>Fewest batches listed per pass over the folders (their paths are held in memory until handed out).</summary>
    public const int BatchesPerPass = 8;

    /// <summary>Most paths a pass lists when its folders are large (unless eight batches are more).</summary>
    public const int MaxPathsAhead = 65_536;

    /// <summary>Directory entries a pass may read per path it lists before the next pass lists more.</summary>
    public const int EntriesReadPerPath = 16;

    private readonly Queue<string> _ahead = new();
    private readonly Dictionary<string, string> _unreadable = new(StringComparer.Ordinal);
    private string? _aheadAfter;
    private int _pathsPerPass;

    /// <summary>Passes over the source so far.</summary>
    public int Passes { get; private set; }

    /// <summary>
    /// Why the listed path is a folder that could not be read (the job sets it aside with this reason), or null for a
    /// sample file.
    /// </summary>
    public string? UnreadableReason(string path) => _unreadable.GetValueOrDefault(path);

    /// <summary>The next batch after <paramref name="cursor"/>: <see cref="IngestOptions.ListBatchSize"/> files, fewer at the end.</summary>
    public List<string> Next(string? cursor)
    {
        var size = options.ListBatchSize;
        if (_ahead.Count == 0 || !string.Equals(_aheadAfter, cursor, StringComparison.Ordinal))
        {
            var least = size * BatchesPerPass;
            _ahead.Clear();
            var listed = SourceLister.NextFromDirectory(root, cursor, Math.Max(least, _pathsPerPass), options, _unreadable, out var entriesRead);
            foreach (var path in listed)
            {
                _ahead.Enqueue(path);
            }

            // Whole batches only: a batch shorter than the batch size is the end of the listing.
            _pathsPerPass = (int)Math.Clamp(entriesRead / EntriesReadPerPath, least, Math.Max(least, MaxPathsAhead)) / size * size;
            Passes++;
        }

        var batch = new List<string>(Math.Min(size, _ahead.Count));
        while (batch.Count < size && _ahead.TryDequeue(out var path))
        {
            batch.Add(path);
        }

        _aheadAfter = batch.Count > 0 ? batch[^1] : cursor;
        return batch;
    }
}
