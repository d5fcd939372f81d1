namespace SampleMind.Collaboration.Server;

/// <summary>One committed op in the server's in-memory log, with what undo and redo need.</summary>
internal struct LogEntry<TOp>
    where TOp : class
{
    public LogEntry(CommittedOp<TOp> committed, TOp? inverse, long? undoes, long? redoes, string owner)
    {
        Committed = committed;
        Inverse = inverse;
        Undoes = undoes;
        Redoes = redoes;
        Owner = owner;
        Undone = false;
        Redone = false;
    }

    public CommittedOp<TOp> Committed { get; }

    /// <summary>The inverse against the document before the op (null when undo is not tracked).</summary>
    public TOp? Inverse { get; }

    /// <summary>The revision this op undoes, when it is an undo.</summary>
    public long? Undoes { get; }

    /// <summary>The revision of the undo this op redoes, when it is a redo.</summary>
    public long? Redoes { get; }

    /// <summary>
    /// The user whose undo/redo history the op belongs to: its author, or for an undo (a redo) the
    /// owner of the op undone (the undo redone), whoever submitted it.
    /// </summary>
    public string Owner { get; }

    /// <summary>True once an undo of this op has been committed.</summary>
    public bool Undone { get; set; }

    /// <summary>True once a redo of this undo has been committed.</summary>
    public bool Redone { get; set; }
}
