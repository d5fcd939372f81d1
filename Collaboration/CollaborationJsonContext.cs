using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using SampleMind.Collaboration.Project;
using SampleMind.Collaboration.Server;
using SampleMind.Collaboration.Text;

namespace SampleMind.Collaboration;

/// <summary>
/// System.Text.Json source generation for every type the collaboration protocol exchanges or persists:
/// ops, documents, submissions, acknowledgements and broadcasts, catch-up answers, snapshots and undo
/// proposals, for both document types. Property names are camelCase.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(TextOperation))]
[JsonSerializable(typeof(TextDocument))]
[JsonSerializable(typeof(ProjectOperation))]
[JsonSerializable(typeof(ProjectOp))]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(ClientCursor))]
[JsonSerializable(typeof(Submission<TextOperation>))]
[JsonSerializable(typeof(Submission<ProjectOperation>))]
[JsonSerializable(typeof(CommittedOp<TextOperation>))]
[JsonSerializable(typeof(CommittedOp<ProjectOperation>))]
[JsonSerializable(typeof(SubmitResult<TextOperation>))]
[JsonSerializable(typeof(SubmitResult<ProjectOperation>))]
[JsonSerializable(typeof(OpsSince<TextOperation>))]
[JsonSerializable(typeof(OpsSince<ProjectOperation>))]
[JsonSerializable(typeof(OtSnapshot<TextDocument>))]
[JsonSerializable(typeof(OtSnapshot<JsonObject>))]
[JsonSerializable(typeof(UndoProposal<TextOperation>))]
[JsonSerializable(typeof(UndoProposal<ProjectOperation>))]
[JsonSerializable(typeof(List<CommittedOp<TextOperation>>))]
[JsonSerializable(typeof(List<CommittedOp<ProjectOperation>>))]
public sealed partial class CollaborationJsonContext : JsonSerializerContext;
