using System.Text.Json.Nodes;
using SampleMind.Collaboration.Project;
using SampleMind.Collaboration.Server;
using SampleMind.Collaboration.Tests.Properties;
using SampleMind.Collaboration.Text;

namespace SampleMind.Collaboration.Tests.Server;

/// <summary>The client state machine with the server, under random interleavings of edits and messages.</summary>
public sealed class OtClientTests
{
    [Theory]
    [InlineData(TieBreak.ServerOrder)]
    [InlineData(TieBreak.ClientId)]
    public void Clients_editing_text_concurrently_converge_on_the_server_document(TieBreak tieBreak)
    {
        var seeds = PropertyCheck.FromSeed(random => random.Next());
        PropertyCheck.ForAll(seeds, seed =>
        {
            var random = new Random(seed);
            var sim = new SessionSimulation<TextDocument, TextOperation>(
                TextOtType.Instance, new TextDocument(TextGen.Text(random)), random.Next(2, 5), random, tieBreak);
            sim.Run(80, (r, doc) => TextGen.Op(r, doc.Length));
            foreach (var client in sim.Clients)
            {
                Assert.True(client.IsSynchronized);
                Assert.Equal(sim.Server.Revision, client.Revision);
                Assert.Equal(sim.Server.Document.ToString(), client.Document.ToString());
            }
        }, maxTest: 150);
    }

    [Fact]
    public void Clients_editing_a_project_concurrently_converge_on_the_server_document()
    {
        var seeds = PropertyCheck.FromSeed(random => random.Next());
        PropertyCheck.ForAll(seeds, seed =>
        {
            var random = new Random(seed);
            var sim = new SessionSimulation<JsonObject, ProjectOperation>(
                ProjectOtType.Instance, ProjectGen.Document(random), random.Next(2, 5), random);
            sim.Run(60, (r, doc) => ProjectGen.Operation(r, doc, 2));
            Assert.True(ProjectSchema.TryValidateDocument(sim.Server.Document, out var reason), reason);
            foreach (var client in sim.Clients)
            {
                Assert.True(client.IsSynchronized);
                Assert.True(JsonNode.DeepEquals(sim.Server.Document, client.Document), $"{client.ClientId} diverged");
            }
        }, maxTest: 150);
    }

    [Fact]
    public void Local_op_waits_in_the_buffer_while_another_is_in_flight()
    {
        var client = new OtClient<TextDocument, TextOperation>(TextOtType.Instance, "a", new TextDocument("ab"), 0);

        var first = client.ApplyLocal(TextOperation.Edit(2, 0, 0, "x"));
        var second = client.ApplyLocal(TextOperation.Edit(3, 3, 0, "y"));

        Assert.NotNull(first);
        Assert.Null(second);
        Assert.Equal("xaby", client.Document.ToString());
        Assert.Equal(2, client.PendingCount);
    }

    [Fact]
    public void Acknowledgement_sends_the_buffered_op_rebased_on_the_remote_ops_received_meanwhile()
    {
        var server = new OtServer<TextDocument, TextOperation>(TextOtType.Instance, new TextDocument("ab"));
        var client = new OtClient<TextDocument, TextOperation>(TextOtType.Instance, "a", new TextDocument("ab"), 0);
        var first = client.ApplyLocal(TextOperation.Edit(2, 0, 0, "x"))!.Value;
        client.ApplyLocal(TextOperation.Edit(3, 3, 0, "y"));
        var remote = server.Submit("b", 1, 0, TextOperation.Edit(2, 1, 0, "-")).Committed!.Value;
        var ack = server.Submit(first).Committed!.Value;

        Assert.Null(client.Receive(remote));
        var next = client.Receive(ack);

        Assert.NotNull(next);
        Assert.Equal(2, next.Value.BaseRevision);
        Assert.Equal(SubmitStatus.Committed, server.Submit(next.Value).Status);
        Assert.Equal("xa-by", server.Document.ToString());
        Assert.Equal("xa-by", client.Document.ToString());
    }

    [Fact]
    public void Resent_in_flight_op_after_a_reconnect_is_committed_once()
    {
        var server = new OtServer<TextDocument, TextOperation>(TextOtType.Instance, new TextDocument("ab"));
        var client = new OtClient<TextDocument, TextOperation>(TextOtType.Instance, "a", new TextDocument("ab"), 0);
        var sent = client.ApplyLocal(TextOperation.Edit(2, 2, 0, "!"))!.Value;
        Assert.Equal(SubmitStatus.Committed, server.Submit(sent).Status);

        var resent = client.ResendInFlight()!.Value;
        var result = server.Submit(resent);
        foreach (var committed in server.GetOpsSince(client.Revision).Ops)
        {
            client.Receive(committed);
        }

        Assert.Equal(SubmitStatus.Duplicate, result.Status);
        Assert.Equal(1, result.Revision);
        Assert.Equal("ab!", server.Document.ToString());
        Assert.True(client.IsSynchronized);
        Assert.Equal("ab!", client.Document.ToString());
    }

    [Fact]
    public void Skipped_revision_is_refused_so_the_client_fetches_what_it_missed()
    {
        var client = new OtClient<TextDocument, TextOperation>(TextOtType.Instance, "a", new TextDocument("ab"), 0);
        var gap = new CommittedOp<TextOperation>(2, "b", 1, TextOperation.Identity(2));

        Assert.Throws<InvalidOperationException>(() => client.Receive(gap));
        Assert.Equal(0, client.Revision);
    }
}
