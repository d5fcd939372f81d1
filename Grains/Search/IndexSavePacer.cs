namespace SampleMind.Grains.Search;

/// <summary>
/// Paces the saves of a library's vector index file, which is rewritten whole (its size grows with the library: 506 MiB
/// at a million samples): a save is due once the index has changed and at least <see cref="IdleFactor"/> times the last
/// save's duration has passed since that save ended, so saving takes at most a twentieth of the time however large the
/// library grows. A small library's save takes milliseconds and is due at every flush. A 100,000-sample index takes
/// 0.2 s to write (50 MiB, bench/Search.Bench), a million-sample one about 2 s: saved after every 2-second flush it would
/// keep a core writing the file through an ingest, paced it is saved about every 40 s. The file is a cache: activation
/// rebuilds the vectors from the samples' records when the file lacks any.
/// </summary>
public sealed class IndexSavePacer(TimeProvider time)
{
    /// <summary>Time to let pass after a save, in multiples of that save's duration.</summary>
    public const int IdleFactor = 19;

    private bool _saved;
    private long _lastEnd;
    private TimeSpan _lastDuration;

    /// <summary>True while the index has changes that no save holds.</summary>
    public bool Pending { get; private set; }

    /// <summary>True when <see cref="Pending"/> and the pause after the last save is over.</summary>
    public bool Due => Pending && (!_saved || time.GetElapsedTime(_lastEnd) >= _lastDuration * IdleFactor);

    /// <summary>Notes that the index changed.</summary>
    public void Changed() => Pending = true;

    /// <summary>Runs <paramref name="save"/> and notes how long it took; the index is then saved.</summary>
    public void Save(Action save)
    {
        ArgumentNullException.ThrowIfNull(save);
        var start = time.GetTimestamp();
        save();
        _lastEnd = time.GetTimestamp();
        _lastDuration = time.GetElapsedTime(start, _lastEnd);
        _saved = true;
        Pending = false;
    }
}
