using System.Text.Json;
using SampleMind.Collaboration.Project;
using SampleMind.Collaboration.Server;
using SampleMind.Collaboration.Text;

namespace SampleMind.Collaboration.Tests.Server;

/// <summary>The protocol messages through the source-generated JSON context, as the runtime copies them.</summary>
public sealed class WireFormatTests
{
    [Fact]
    public void Submission_and_its_committed_broadcast_round_trip()
    {
        var server = new OtServer<TextDocument, TextOperation>(TextOtType.Instance, new TextDocument("ab"));
        var submission = new Submission<TextOperation>("alice", 3, 0, TextOperation.Edit(2, 1, 0, "😀"));
        var result = server.Submit(submission);

        var sent = RoundTrip(submission, CollaborationJsonContext.Default.SubmissionTextOperation);
        var answer = RoundTrip(result, CollaborationJsonContext.Default.SubmitResultTextOperation);

        Assert.Equal(submission, sent);
        Assert.Equal(SubmitStatus.Committed, answer.Status);
        Assert.Equal(result.Committed, answer.Committed);
    }

    [Fact]
    public void Catch_up_answer_for_project_ops_round_trips()
    {
        var server = new OtServer<System.Text.Json.Nodes.JsonObject, ProjectOperation>(ProjectOtType.Instance, ProjectDocument.CreateEmpty());
        server.Submit("bob", 1, 0, new ProjectOperation(ProjectOp.Set(["tempo"], 120.0, 96.0)));

        var since = RoundTrip(server.GetOpsSince(0), CollaborationJsonContext.Default.OpsSinceProjectOperation);

        Assert.False(since.TooFarBehind);
        Assert.Equal(1, since.Revision);
        Assert.Equal("bob", since.Ops[0].ClientId);
        Assert.Equal(server.GetOpsSince(0).Ops[0].Op.ToString(), since.Ops[0].Op.ToString());
    }

    [Theory]
    [InlineData("[-2147483648]", "a text operation's count is a whole number from -2,147,483,647 to 2,147,483,647")]
    [InlineData("[2147483648]", "a text operation's count is a whole number from -2,147,483,647 to 2,147,483,647")]
    [InlineData("[1.5]", "a text operation's count is a whole number from -2,147,483,647 to 2,147,483,647")]
    public void A_text_count_past_the_range_of_a_count_is_refused_where_it_overflowed(string json, string says)
    {
        var e = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(json, CollaborationJsonContext.Default.TextOperation));

        Assert.Equal(says, e.Message);
    }

    [Fact]
    public void A_delete_of_the_largest_count_reads_as_that_delete()
    {
        var op = JsonSerializer.Deserialize("[-2147483647]", CollaborationJsonContext.Default.TextOperation)!;

        Assert.Equal(TextComponent.Delete(int.MaxValue), op.Components[0]);
    }

    [Fact]
    public void A_path_index_past_the_range_of_an_index_is_refused_in_words()
    {
        var e = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(
            """{"ops":[{"kind":"delete","path":["tracks",99999999999]}]}""", CollaborationJsonContext.Default.ProjectOperation));

        Assert.Equal("a path index is a whole number from 0 to 2,147,483,647", e.Message);
    }

    private static T RoundTrip<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info) =>
        JsonSerializer.Deserialize(JsonSerializer.Serialize(value, info), info)!;
}
