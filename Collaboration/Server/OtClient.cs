namespace SampleMind.Collaboration.Server;

/// <summary>
/// The client half of the protocol: the local document applies local ops at once; at most one op is
/// in flight to the server; later local ops wait in a buffer; ops from the server are transformed
/// against the in-flight and buffered ops before they are applied locally. Not thread-safe.
/// </summary>
/// <remarks>
/// With <c>composeBuffer</c> on (the classic form) the buffer is one op, composed as the user types;
/// off, each local op is sent on its own, which keeps one server revision per user action.
/// </remarks>
public sealed class OtClient<TDoc, TOp>
    where TOp : class
{
    private readonly IOtType<TDoc, TOp> _type;
    private readonly bool _composeBuffer;
    private readonly TieBreak _tieBreak;
    private readonly List<(long Seq, TOp Op)> _pending = [];
    private long _nextSeq;
    private bool _inFlight;

    /// <summary>A client holding <paramref name="document"/> at server revision <paramref name="revision"/>.</summary>
    /// <param name="type">The document type.</param>
    /// <param name="clientId">Unique per connected user agent.</param>
    /// <param name="document">The document at <paramref name="revision"/> (the client takes ownership).</param>
    /// <param name="revision">The server revision of <paramref name="document"/>.</param>
    /// <param name="composeBuffer">Compose waiting local ops into one (true) or send each on its own.</param>
    /// <param name="firstSeq">The first sequence number to use (continue after the last one on reconnect).</param>
    /// <param name="tieBreak">The session's tie-break rule (the server's <see cref="OtServerOptions.TieBreak"/>).</param>
    public OtClient(
        IOtType<TDoc, TOp> type,
        string clientId,
        TDoc document,
        long revision,
        bool composeBuffer = true,
        long firstSeq = 1,
        TieBreak tieBreak = TieBreak.ServerOrder)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(clientId);
        _type = type;
        ClientId = clientId;
        Document = document;
        Revision = revision;
        _composeBuffer = composeBuffer;
        _nextSeq = firstSeq;
        _tieBreak = tieBreak;
    }

    /// <summary>This client's id.</summary>
    public string ClientId { get; }

    /// <summary>The local document: the server's revision plus the local ops not yet acknowledged.</summary>
    public TDoc Document { get; }

    /// <summary>The last server revision applied here.</summary>
    public long Revision { get; private set; }

    /// <summary>The sequence number the next local op gets (a client that starts over from a snapshot continues from it).</summary>
    public long NextSeq => _nextSeq;

    /// <summary>Local ops not yet acknowledged (the in-flight one included).</summary>
    public int PendingCount => _pending.Count;

    /// <summary>True when every local op has been acknowledged.</summary>
    public bool IsSynchronized => _pending.Count == 0;

    /// <summary>
    /// Applies a local op (made on <see cref="Document"/>) and returns the submission to send now, or
    /// null when an op is already in flight (this one waits in the buffer).
    /// </summary>
    /// <exception cref="ArgumentException">The op does not apply to the local document.</exception>
    public Submission<TOp>? ApplyLocal(TOp op)
    {
        ArgumentNullException.ThrowIfNull(op);
        if (!_type.TryValidate(Document, op, out var reason))
        {
            throw new ArgumentException($"local op does not apply: {reason}", nameof(op));
        }

        _type.Apply(Document, op);
        if (_composeBuffer && _pending.Count == 2)
        {
            _pending[1] = (_pending[1].Seq, _type.Compose(_pending[1].Op, op));
        }
        else
        {
            _pending.Add((_nextSeq++, op));
        }

        return _inFlight ? null : SendHead();
    }

    /// <summary>
    /// Takes one op broadcast by the server, in revision order. The client's own op acknowledges the
    /// in-flight op (and may return the next submission); another client's op is transformed and applied.
    /// Ops at or below <see cref="Revision"/> are ignored (delivered twice).
    /// </summary>
    /// <exception cref="InvalidOperationException">A revision was skipped: fetch the missing ops first.</exception>
    public Submission<TOp>? Receive(CommittedOp<TOp> committed)
    {
        if (committed.Revision <= Revision)
        {
            return null;
        }

        if (committed.Revision != Revision + 1)
        {
            throw new InvalidOperationException($"revision {Revision + 1} missing before {committed.Revision}");
        }

        Revision = committed.Revision;
        if (_inFlight && committed.ClientSeq == _pending[0].Seq && string.Equals(committed.ClientId, ClientId, StringComparison.Ordinal))
        {
            _pending.RemoveAt(0);
            _inFlight = false;
            return _pending.Count > 0 ? SendHead() : null;
        }

        var incoming = committed.Op;
        var localSide = TieBreaks.LaterSide(_tieBreak, ClientId, committed.ClientId);
        var remoteSide = TieBreaks.Opposite(localSide);
        for (var i = 0; i < _pending.Count; i++)
        {
            var local = _pending[i];
            _pending[i] = (local.Seq, _type.Transform(local.Op, incoming, localSide));
            incoming = _type.Transform(incoming, local.Op, remoteSide);
        }

        _type.Apply(Document, incoming);
        return null;
    }

    /// <summary>The in-flight op again, for a reconnect; the server recognises it if it already committed it.</summary>
    public Submission<TOp>? ResendInFlight() => _inFlight ? Head() : null;

    private Submission<TOp> SendHead()
    {
        _inFlight = true;
        return Head();
    }

    private Submission<TOp> Head() => new(ClientId, _pending[0].Seq, Revision, _pending[0].Op);
}
