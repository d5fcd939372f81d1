using SampleMind.Collaboration.Server;

namespace SampleMind.Collaboration.Tests.Server;

/// <summary>
/// A session with several clients and a network that delivers each client's messages in order but
/// interleaves clients at random: local edits, submissions and broadcasts happen in a random order.
/// </summary>
internal sealed class SessionSimulation<TDoc, TOp>
    where TOp : class
{
    private readonly IOtType<TDoc, TOp> _type;
    private readonly Random _random;
    private readonly OtClient<TDoc, TOp>[] _clients;
    private readonly Queue<Submission<TOp>>[] _outbox;

    public SessionSimulation(IOtType<TDoc, TOp> type, TDoc initial, int clients, Random random, TieBreak tieBreak = TieBreak.ServerOrder)
    {
        _type = type;
        _random = random;
        Server = new OtServer<TDoc, TOp>(type, type.Clone(initial), new OtServerOptions { TieBreak = tieBreak, SnapshotInterval = 7 });
        _clients = new OtClient<TDoc, TOp>[clients];
        _outbox = new Queue<Submission<TOp>>[clients];
        for (var i = 0; i < clients; i++)
        {
            _clients[i] = new OtClient<TDoc, TOp>(type, $"client-{i}", type.Clone(initial), 0, composeBuffer: random.Next(2) == 0, tieBreak: tieBreak);
            _outbox[i] = new Queue<Submission<TOp>>();
        }
    }

    public OtServer<TDoc, TOp> Server { get; }

    public IReadOnlyList<OtClient<TDoc, TOp>> Clients => _clients;

    /// <summary>Runs <paramref name="steps"/> random steps, then delivers everything.</summary>
    public void Run(int steps, Func<Random, TDoc, TOp> makeOp)
    {
        for (var step = 0; step < steps; step++)
        {
            var i = _random.Next(_clients.Length);
            switch (_random.Next(3))
            {
                case 0:
                    Enqueue(i, _clients[i].ApplyLocal(makeOp(_random, _clients[i].Document)));
                    break;
                case 1:
                    SendOne(i);
                    break;
                default:
                    DeliverOne(i);
                    break;
            }
        }

        Flush();
    }

    private void Enqueue(int i, Submission<TOp>? submission)
    {
        if (submission is { } s)
        {
            _outbox[i].Enqueue(s);
        }
    }

    private bool SendOne(int i)
    {
        if (!_outbox[i].TryDequeue(out var submission))
        {
            return false;
        }

        var result = Server.Submit(submission);
        if (result.Status != SubmitStatus.Committed)
        {
            throw new InvalidOperationException($"client {i}: {result.Status} {result.Reason} for {submission.Op}");
        }

        return true;
    }

    private bool DeliverOne(int i)
    {
        var client = _clients[i];
        if (client.Revision == Server.Revision)
        {
            return false;
        }

        var next = Server.GetOpsSince(client.Revision, 1);
        if (next.TooFarBehind)
        {
            throw new InvalidOperationException($"client {i} fell out of the retained log");
        }

        Enqueue(i, client.Receive(next.Ops[0]));
        return true;
    }

    private void Flush()
    {
        var busy = true;
        while (busy)
        {
            busy = false;
            for (var i = 0; i < _clients.Length; i++)
            {
                busy |= SendOne(i);
                busy |= DeliverOne(i);
            }
        }
    }
}
