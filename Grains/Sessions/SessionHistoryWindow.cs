using System.Text;
using System.Text.Json.Nodes;
using SampleMind.Collaboration.Project;
using SampleMind.Collaboration.Server;
using SampleMind.Grains.Abstractions.Sessions;

namespace SampleMind.Grains.Sessions;

/// <summary>
/// The recent past of a session: the document at a base revision and the ops after it, so that the document at any
/// retained revision and the ops between two revisions can be served; and, for a restored session, the ops up to the
/// base revision that were archived (<paramref name="before"/>: their ops only, no documents). At most about
/// <c>capacity</c> ops are kept, and at most <c>maxBytes</c> of their JSON: when full, the archived ones go first, then
/// the oldest ops are folded into the base document.
/// </summary>
internal sealed class SessionHistoryWindow(
    long baseRevision, JsonObject baseDocument, int capacity, long maxBytes, IReadOnlyList<SessionOp>? before = null)
{
    private readonly List<SessionOp> _before = before is null ? [] : [.. before];
    private readonly List<SessionOp> _wire = [];
    private readonly List<ProjectOperation> _ops = [];
    private JsonObject _base = baseDocument;
    private long _bytes = before?.Sum(ByteCount) ?? 0;

    /// <summary>The revision of the base document: the oldest revision whose document is served.</summary>
    public long BaseRevision { get; private set; } = baseRevision;

    /// <summary>The oldest revision the ops after which are served (at or before <see cref="BaseRevision"/>).</summary>
    public long OldestRevision => BaseRevision - _before.Count;

    /// <summary>
    /// The oldest revision whose document is served: <see cref="OldestRevision"/> when there are no archived ops or they
    /// reach revision 0 (a session starts as the empty project, so their documents are rebuilt from it), else the base.
    /// </summary>
    public long OldestDocumentRevision => OldestRevision == 0 ? 0 : BaseRevision;

    public void Add(CommittedOp<ProjectOperation> committed, SessionOp wire)
    {
        _ops.Add(committed.Op);
        _wire.Add(wire);
        _bytes += ByteCount(wire);
        var count = _before.Count + _ops.Count;
        if (count > capacity + (capacity / 4) || _bytes > maxBytes)
        {
            Drop(count > capacity + (capacity / 4) ? count - capacity : 0);
        }
    }

    /// <summary>The document at <paramref name="revision"/>, or null when it is before <see cref="OldestDocumentRevision"/> or after the last op.</summary>
    public JsonObject? DocumentAt(long revision)
    {
        if (revision < OldestDocumentRevision || revision > BaseRevision + _ops.Count)
        {
            return null;
        }

        if (revision < BaseRevision)
        {
            return ArchivedDocumentAt(revision);
        }

        var document = (JsonObject)_base.DeepClone();
        for (var i = 0; i < revision - BaseRevision; i++)
        {
            _ops[i].Apply(document);
        }

        return document;
    }

    /// <summary>The ops with revisions in (<paramref name="from"/>, <paramref name="to"/>]; <paramref name="from"/> at or after <see cref="OldestRevision"/>.</summary>
    public IReadOnlyList<SessionOp> Between(long from, long to)
    {
        var ops = new List<SessionOp>();
        if (from < BaseRevision)
        {
            var start = (int)Math.Max(0, from - OldestRevision);
            var end = (int)Math.Min(_before.Count, to - OldestRevision);
            if (end > start)
            {
                ops.AddRange(_before.GetRange(start, end - start));
            }
        }

        var first = (int)Math.Max(0, from - BaseRevision);
        var last = (int)Math.Min(_wire.Count, to - BaseRevision);
        if (last > first)
        {
            ops.AddRange(_wire.GetRange(first, last - first));
        }

        return ops;
    }

    /// <summary>The empty project with the archived ops up to <paramref name="revision"/> applied (they reach revision 0).</summary>
    private JsonObject ArchivedDocumentAt(long revision)
    {
        var document = ProjectDocument.CreateEmpty();
        for (var i = 0; i < revision; i++)
        {
            if (!ProjectWire.TryParseOp(_before[i].Op, out var op, out var reason))
            {
                throw new InvalidOperationException($"archived op {_before[i].Revision} does not parse: {reason}");
            }

            op.Apply(document);
        }

        return document;
    }

    private static long ByteCount(SessionOp op) => Encoding.UTF8.GetByteCount(op.Op);

    /// <summary>Drops at least <paramref name="count"/> of the oldest ops, and more while they hold more than the byte bound.</summary>
    private void Drop(int count)
    {
        var archived = 0;
        while (archived < _before.Count && (archived < count || _bytes > maxBytes))
        {
            _bytes -= ByteCount(_before[archived++]);
        }

        _before.RemoveRange(0, archived);
        var drop = 0;
        while (drop < _ops.Count && (archived + drop < count || _bytes > maxBytes))
        {
            _ops[drop].Apply(_base);
            _bytes -= ByteCount(_wire[drop++]);
        }

        _ops.RemoveRange(0, drop);
        _wire.RemoveRange(0, drop);
        BaseRevision += drop;
    }
}
