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

    private static T RoundTrip<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info) =>
        JsonSerializer.Deserialize(JsonSerializer.Serialize(value, info), info)!;
}
