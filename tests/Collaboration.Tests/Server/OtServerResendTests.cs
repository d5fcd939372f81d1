using System.Text.Json.Nodes;
using SampleMind.Collaboration.Project;
using SampleMind.Collaboration.Server;
using SampleMind.Collaboration.Text;

namespace SampleMind.Collaboration.Tests.Server;

/// <summary>A sequence number used again: a resend of the same op is a duplicate, another op under it is refused.</summary>
public sealed class OtServerResendTests
{
    private static OtServer<TextDocument, TextOperation> TextServer(string text, OtServerOptions? options = null) =>
        new(TextOtType.Instance, new TextDocument(text), options);

    private static ProjectOperation Tempo(double from, double to) => new(ProjectOp.Set(["tempo"], from, to));

    [Fact]
    public void Another_op_under_a_used_sequence_number_is_rejected_naming_it_and_changes_nothing()
    {
        var server = new OtServer<JsonObject, ProjectOperation>(ProjectOtType.Instance, ProjectDocument.CreateEmpty());
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(SubmitStatus.Committed, server.Submit("a", i + 1, i, Tempo(120 + i, 121 + i)).Status);
        }

        var reused = server.Submit("a", 2, 5, Tempo(125, 101));

        Assert.Equal(SubmitStatus.Rejected, reused.Status);
        Assert.Contains("clientSeq 2 was already used for another op", reused.Reason, StringComparison.Ordinal);
        Assert.Contains("clientSeq 6", reused.Reason, StringComparison.Ordinal);
        Assert.Equal(5, server.Revision);
        Assert.Equal(125.0, server.Document["tempo"]!.GetValue<double>());
    }

    [Fact]
    public void A_different_op_on_the_original_base_revision_is_not_a_resend()
    {
        var server = TextServer("ab");
        server.Submit("a", 1, 0, TextOperation.Edit(2, 0, 0, "x"));

        var other = server.Submit("a", 1, 0, TextOperation.Edit(2, 0, 0, "y"));

        Assert.Equal(SubmitStatus.Rejected, other.Status);
        Assert.Equal("xab", server.Document.ToString());
    }

    [Fact]
    public void The_same_op_on_a_base_revision_at_or_after_its_commit_is_not_a_resend()
    {
        var server = TextServer("ab");
        server.Submit("a", 1, 0, TextOperation.Edit(2, 0, 0, "x"));

        var later = server.Submit("a", 1, 1, TextOperation.Edit(3, 0, 0, "x"));

        Assert.Equal(SubmitStatus.Rejected, later.Status);
        Assert.Equal(1, server.Revision);
    }

    [Fact]
    public void A_resend_the_client_rebased_over_an_op_it_received_since_is_a_duplicate()
    {
        var server = TextServer("ab");
        var others = server.Submit("b", 1, 0, TextOperation.Edit(2, 2, 0, "!"));
        var first = server.Submit("a", 1, 0, TextOperation.Edit(2, 0, 0, "x"));

        // The client applied revision 1 before it lost the connection: its in-flight op is rebased over it.
        var rebased = TextOperation.Transform(TextOperation.Edit(2, 0, 0, "x"), others.Committed!.Value.Op, Side.Right);
        var resent = server.Submit("a", 1, 1, rebased);

        Assert.Equal(SubmitStatus.Duplicate, resent.Status);
        Assert.Equal(first.Revision, resent.Revision);
        Assert.Equal("xab!", server.Document.ToString());
    }

    [Fact]
    public void An_earlier_sequence_number_resent_with_its_op_is_still_a_duplicate()
    {
        var server = new OtServer<JsonObject, ProjectOperation>(ProjectOtType.Instance, ProjectDocument.CreateEmpty());
        server.Submit("a", 1, 0, Tempo(120, 121));
        server.Submit("b", 1, 0, Tempo(120, 90));
        server.Submit("a", 2, 2, Tempo(90, 100));

        var resent = server.Submit("a", 1, 0, Tempo(120, 121));

        Assert.Equal(SubmitStatus.Duplicate, resent.Status);
        Assert.Equal(1, resent.Revision);
    }

    [Fact]
    public void A_resend_whose_op_left_the_retained_log_cannot_be_compared_and_is_acknowledged()
    {
        var server = TextServer("ab");
        server.Submit("a", 1, 0, TextOperation.Edit(2, 0, 0, "x"));
        server.Submit("b", 1, 1, TextOperation.Edit(3, 3, 0, "y"));
        server.ForgetOpsUpTo(1);

        var resent = server.Submit("a", 1, 0, TextOperation.Edit(2, 0, 0, "z"));

        Assert.Equal(SubmitStatus.Duplicate, resent.Status);
        Assert.Equal(1, resent.Revision);
        Assert.Equal("xaby", server.Document.ToString());
    }
}
