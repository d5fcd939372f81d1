using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using SampleMind.Collaboration;
using SampleMind.Collaboration.Project;
using SampleMind.Collaboration.Server;
using SampleMind.Grains.Abstractions.Sessions;

namespace SampleMind.Grains.Sessions;

/// <summary>Project ops and documents to and from their JSON text (the OT library's wire form).</summary>
internal static class ProjectWire
{
    // A client's op is read strictly: a field an op does not take ("to_index", "opz") is refused rather than left at its
    // default (a move to index 0, an empty op committed as a no-op), and so is an op without its "ops", an op without
    // its "kind" (read as a set) or "path" (the constructors' parameters without a default), and one whose "ops" or
    // "path" is null (null counts as absent). Stored ops are read with the default context.
    private static readonly CollaborationJsonContext s_clientOps = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
    });

    public static bool TryParseOp(string json, out ProjectOperation op, out string? reason)
    {
        op = ProjectOperation.Noop;
        reason = null;
        try
        {
            var parsed = JsonSerializer.Deserialize(json, s_clientOps.ProjectOperation);
            if (parsed is null)
            {
                reason = "the op is null";
                return false;
            }

            op = parsed;
            return true;
        }
        catch (JsonException e)
        {
            reason = "the op is not a project operation: " + e.Message;
            return false;
        }
    }

    public static string Write(ProjectOperation op) =>
        JsonSerializer.Serialize(op, CollaborationJsonContext.Default.ProjectOperation);

    public static string Write(JsonObject document) =>
        JsonSerializer.Serialize(document, CollaborationJsonContext.Default.JsonObject);

    /// <summary>The size of the document's JSON, in UTF-8 bytes.</summary>
    public static long ByteCount(JsonObject document) =>
        JsonSerializer.SerializeToUtf8Bytes(document, CollaborationJsonContext.Default.JsonObject).LongLength;

    public static SessionOp ToWire(CommittedOp<ProjectOperation> committed) =>
        new(committed.Revision, committed.ClientId, committed.ClientSeq, Write(committed.Op));
}
