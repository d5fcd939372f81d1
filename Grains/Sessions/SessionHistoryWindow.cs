using System.Text.Json.Nodes;
using SampleMind.Collaboration.Project;
using SampleMind.Collaboration.Server;
using SampleMind.Grains.Abstractions.Sessions;

namespace SampleMind.Grains.Sessions;

/// <summary>
/// The recent past of a session: the document at a base revision and up to <c>capacity</c> ops after
/// it, so that the document at any retained revision and the ops between two revisions can be served.
/// When full, the oldest ops are folded into the base document.
/// </summary>
internal sealed class SessionHistoryWindow(long baseRevision, JsonObject baseDocument, int capacity)
{
    private readonly List<SessionOp> _wire = [];
    private readonly List<ProjectOperation> _ops = [];
    private JsonObject _base = baseDocument;

    /// <summary>The revision of the base document: the oldest revision served.</summary>
    public long BaseRevision { get; private set; } = baseRevision;

    public void Add(CommittedOp<ProjectOperation> committed, SessionOp wire)
    {
        _ops.Add(committed.Op);
        _wire.Add(wire);
        if (_ops.Count > capacity + (capacity / 4))
        {
            var drop = _ops.Count - capacity;
            for (var i = 0; i < drop; i++)
            {
                _ops[i].Apply(_base);
            }

            _ops.RemoveRange(0, drop);
            _wire.RemoveRange(0, drop);
            BaseRevision += drop;
        }
    }

    /// <summary>The document at <paramref name="revision"/>, or null when it is before the base or after the last op.</summary>
    public JsonObject? DocumentAt(long revision)
    {
        if (revision < BaseRevision || revision > BaseRevision + _ops.Count)
        {
            return null;
        }

        var document = (JsonObject)_base.DeepClone();
        for (var i = 0; i < revision - BaseRevision; i++)
        {
            _ops[i].Apply(document);
        }

        return document;
    }

    /// <summary>The ops with revisions in (<paramref name="from"/>, <paramref name="to"/>]; <paramref name="from"/> at or after the base.</summary>
    public IReadOnlyList<SessionOp> Between(long from, long to)
    {
        var start = (int)Math.Max(0, from - BaseRevision);
        var end = (int)Math.Min(_wire.Count, to - BaseRevision);
        return end > start ? _wire.GetRange(start, end - start) : [];
    }
}
