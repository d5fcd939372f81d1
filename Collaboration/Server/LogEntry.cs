namespace SampleMind.Collaboration.Server;

/// <summary>One committed op in the server's in-memory log, with what undo needs.</summary>
internal struct LogEntry<TOp>
    where TOp : class
{
    public LogEntry(CommittedOp<TOp> committed, TOp? inverse, long? undoes)
    {
        Committed = committed;
        Inverse = inverse;
        Undoes = undoes;
        Undone = false;
    }

    public CommittedOp<TOp> Committed { get; }

    /// <summary>The inverse against the document before the op (null when undo is not tracked).</summary>
    public TOp? Inverse { get; }

    /// <summary>The revision this op undoes, when it is an undo.</summary>
    public long? Undoes { get; }

    /// <summary>True once an undo of this op has been committed.</summary>
    public bool Undone { get; set; }
}
