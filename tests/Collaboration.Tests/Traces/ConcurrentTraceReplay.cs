using SampleMind.Collaboration.Server;
using SampleMind.Collaboration.Text;

namespace SampleMind.Collaboration.Tests.Traces;

/// <summary>
/// Replays a concurrent trace as a real session: one <see cref="OtClient{TDoc, TOp}"/> per agent and one
/// <see cref="OtServer{TDoc, TOp}"/>, with a simulated network that delivers messages lazily. Before an
/// agent makes txn i, its client is brought to exactly the version of i's parents: it must have applied,
/// from each other agent, as many ops as i's parents include (an agent's own earlier txns are always
/// among its parents, and the per-agent counts only grow, so the client's state is then i's version).
/// Messages are delivered and ops sent only when some client needs them, so no client ever sees an op
/// that a later txn of its agent does not include. The trace was recorded with a sequence CRDT, which
/// orders concurrent inserts at one position by agent; the session therefore uses <see cref="TieBreak.ClientId"/>.
/// </summary>
internal sealed class ConcurrentTraceReplay
{
    private readonly EditingTrace _trace;
    private readonly OtServer<TextDocument, TextOperation> _server;
    private readonly OtClient<TextDocument, TextOperation>[] _clients;
    private readonly Submission<TextOperation>?[] _outbox;
    private readonly int[,] _seen;
    private readonly int[] _committed;

    public ConcurrentTraceReplay(EditingTrace trace)
    {
        _trace = trace;
        var agents = trace.NumAgents;
        var options = new OtServerOptions { TieBreak = TieBreak.ClientId };
        _server = new OtServer<TextDocument, TextOperation>(TextOtType.Instance, new TextDocument(trace.StartContent), options);
        _clients = new OtClient<TextDocument, TextOperation>[agents];
        for (var a = 0; a < agents; a++)
        {
            _clients[a] = new OtClient<TextDocument, TextOperation>(
                TextOtType.Instance, $"agent-{a}", new TextDocument(trace.StartContent), 0, composeBuffer: false, tieBreak: TieBreak.ClientId);
        }

        _outbox = new Submission<TextOperation>?[agents];
        _seen = new int[agents, agents];
        _committed = new int[agents];
    }

    public OtServer<TextDocument, TextOperation> Server => _server;

    public IReadOnlyList<OtClient<TextDocument, TextOperation>> Clients => _clients;

    /// <summary>Number of ops that a client transformed against concurrent local ops (evidence of concurrency).</summary>
    public int ConcurrentDeliveries { get; private set; }

    public void Run()
    {
        var versions = VersionCounts();
        for (var i = 0; i < _trace.Txns.Length; i++)
        {
            var txn = _trace.Txns[i];
            var a = txn.Agent;
            for (var b = 0; b < _trace.NumAgents; b++)
            {
                if (b != a)
                {
                    EnsureSeen(a, b, versions[i][b]);
                    if (_seen[a, b] != versions[i][b])
                    {
                        throw new InvalidOperationException($"txn {i}: agent {a} has seen {_seen[a, b]} ops of {b}, needs {versions[i][b]}");
                    }
                }
            }

            var client = _clients[a];
            TextOperation op;
            try
            {
                op = TraceOps.ForTxn(txn, client.Document.Length);
            }
            catch (ArgumentOutOfRangeException e)
            {
                throw new InvalidOperationException($"txn {i} (agent {a}) does not fit its client's text of {client.Document.Length} code points", e);
            }

            var sent = client.ApplyLocal(op);
            _outbox[a] ??= sent;
        }

        Flush();
    }

    /// <summary>For each txn, how many txns of each agent its parents include.</summary>
    private int[][] VersionCounts()
    {
        var agents = _trace.NumAgents;
        var after = new int[_trace.Txns.Length][];
        var before = new int[_trace.Txns.Length][];
        for (var i = 0; i < _trace.Txns.Length; i++)
        {
            var counts = new int[agents];
            foreach (var p in _trace.Txns[i].Parents)
            {
                for (var k = 0; k < agents; k++)
                {
                    counts[k] = Math.Max(counts[k], after[p][k]);
                }
            }

            before[i] = counts;
            after[i] = (int[])counts.Clone();
            after[i][_trace.Txns[i].Agent]++;
        }

        return before;
    }

    private void EnsureSeen(int a, int b, int count)
    {
        while (_seen[a, b] < count)
        {
            EnsureCommitted(b, _seen[a, b] + 1);
            DeliverNext(a);
        }
    }

    private void EnsureCommitted(int b, int count)
    {
        while (_committed[b] < count)
        {
            if (_outbox[b] is { } submission)
            {
                Send(b, submission);
            }
            else
            {
                DeliverNext(b);
            }
        }
    }

    private void Send(int a, Submission<TextOperation> submission)
    {
        _outbox[a] = null;
        var result = _server.Submit(submission);
        if (result.Status != SubmitStatus.Committed)
        {
            throw new InvalidOperationException($"agent {a}: {result.Status} {result.Reason}");
        }

        _committed[a]++;
    }

    private void DeliverNext(int a)
    {
        var client = _clients[a];
        var next = _server.GetOpsSince(client.Revision, 1).Ops[0];
        var author = int.Parse(next.ClientId.AsSpan("agent-".Length), System.Globalization.CultureInfo.InvariantCulture);
        if (author != a)
        {
            _seen[a, author]++;
            ConcurrentDeliveries += client.PendingCount > 0 ? 1 : 0;
        }

        var sent = client.Receive(next);
        _outbox[a] ??= sent;
    }

    private void Flush()
    {
        var busy = true;
        while (busy)
        {
            busy = false;
            for (var a = 0; a < _clients.Length; a++)
            {
                if (_outbox[a] is { } submission)
                {
                    Send(a, submission);
                    busy = true;
                }

                if (_clients[a].Revision < _server.Revision)
                {
                    DeliverNext(a);
                    busy = true;
                }
            }
        }
    }
}
