using SampleMind.Collaboration.Server;
using SampleMind.Collaboration.Text;
using SampleMind.TestSupport;

namespace SampleMind.Collaboration.Tests.Traces;

/// <summary>Real editing histories (josephg/editing-traces) replayed through the server and client algorithms.</summary>
public sealed class TraceReplayTests
{
    [SharedDataTheory]
    [InlineData("automerge-paper")]
    [InlineData("seph-blog1")]
    public void Sequential_trace_replayed_through_the_server_reproduces_the_end_content(string name)
    {
        var trace = EditingTrace.Load(Path.Combine(RepoPaths.EditingTraces, name + ".json.gz"));
        var server = new OtServer<TextDocument, TextOperation>(TextOtType.Instance, new TextDocument(trace.StartContent));
        var length = new TextDocument(trace.StartContent).Length;
        for (var i = 0; i < trace.Txns.Length; i++)
        {
            var op = TraceOps.ForTxn(trace.Txns[i], length);
            var result = server.Submit("author", i + 1, server.Revision, op);
            Assert.True(result.Status == SubmitStatus.Committed, $"txn {i}: {result.Reason}");
            length = op.TargetLength;
        }

        Assert.Equal(trace.Txns.Length, server.Revision);
        Assert.Equal(trace.EndContent, server.Document.ToString());
    }

    [SharedDataFact]
    public void Concurrent_trace_replayed_as_one_client_per_agent_converges_on_the_end_content()
    {
        var trace = EditingTrace.Load(Path.Combine(RepoPaths.EditingTraces, "friendsforever.json.gz"));
        var replay = new ConcurrentTraceReplay(trace);

        replay.Run();

        Assert.Equal(trace.Txns.Length, replay.Server.Revision);
        Assert.True(replay.ConcurrentDeliveries > 0, "the replay never transformed a remote op against a local one");
        Assert.Equal(trace.EndContent, replay.Server.Document.ToString());
        foreach (var client in replay.Clients)
        {
            Assert.True(client.IsSynchronized);
            Assert.Equal(trace.EndContent, client.Document.ToString());
        }
    }

    [SharedDataFact]
    public void Server_restored_from_a_snapshot_and_the_log_tail_continues_the_sequential_trace()
    {
        var trace = EditingTrace.Load(Path.Combine(RepoPaths.EditingTraces, "seph-blog1.json.gz"));
        var options = new OtServerOptions { SnapshotInterval = 5_000, RetainedOps = 1_000 };
        var server = new OtServer<TextDocument, TextOperation>(TextOtType.Instance, new TextDocument(trace.StartContent), options);
        var half = trace.Txns.Length / 2;
        var length = 0;
        for (var i = 0; i < trace.Txns.Length; i++)
        {
            if (i == half)
            {
                var snapshot = server.LatestSnapshot;
                var tail = server.GetOpsSince(snapshot.Revision);
                Assert.False(tail.TooFarBehind);
                server = OtServer<TextDocument, TextOperation>.Restore(TextOtType.Instance, snapshot, tail.Ops, options);
                Assert.Equal(half, server.Revision);
            }

            var op = TraceOps.ForTxn(trace.Txns[i], length);
            Assert.Equal(SubmitStatus.Committed, server.Submit("author", i + 1, server.Revision, op).Status);
            length = op.TargetLength;
        }

        Assert.Equal(trace.EndContent, server.Document.ToString());
    }
}
