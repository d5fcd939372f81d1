namespace SampleMind.Grains.Ingest;

/// <summary>
/// A job's listing batches of a directory source. A pass over the source (<see cref="SourceLister.NextFromDirectory"/>)
/// reads each folder on the cursor's path whole, however few files it returns, so one pass lists
/// <see cref="BatchesPerPass"/> batches and the later ones are handed out from memory, each while the job's cursor is
/// where the batch before it ended. Nothing of this is persisted: a job that restarts, or whose cursor is elsewhere
/// (a batch it could not enqueue), lists again from its cursor. A file added to the folder meanwhile is listed if its
/// name comes after the files already in memory, as one added before the cursor never is.
/// </summary>
public sealed class DirectoryBatches(string root, IngestOptions options)
{
    /// <summary>Batches listed per pass over the folders (their paths are held in memory until handed out).</summary>
    public const int BatchesPerPass = 8;

    private readonly Queue<string> _ahead = new();
    private string? _aheadAfter;

    /// <summary>Passes over the source so far.</summary>
    public int Passes { get; private set; }

    /// <summary>The next batch after <paramref name="cursor"/>: <see cref="IngestOptions.ListBatchSize"/> files, fewer at the end.</summary>
    public List<string> Next(string? cursor)
    {
        var size = options.ListBatchSize;
        if (_ahead.Count == 0 || !string.Equals(_aheadAfter, cursor, StringComparison.Ordinal))
        {
            _ahead.Clear();
            foreach (var path in SourceLister.NextFromDirectory(root, cursor, size * BatchesPerPass, options))
            {
                _ahead.Enqueue(path);
            }

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
