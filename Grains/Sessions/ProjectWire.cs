using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using SampleMind.Collaboration;
using SampleMind.Collaboration.Project;
using SampleMind.Collaboration.Server;
using SampleMind.Grains.Abstractions.Sessions;

namespace SampleMind.Grains.Sessions;

/// <summary>Project ops and documents to and from their JSON text (the OT library's wire form).</summary>
internal static partial class ProjectWire
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
            reason = "the op is not a project operation: " + Described(e);
            return false;
        }
    }

    /// <summary>
    /// What the serializer found wrong, in the protocol's words and with where it is (the JSON path into the op), without
    /// the .NET type names and reader positions of its own sentences.
    /// </summary>
    private static string Described(JsonException e)
    {
        var at = string.IsNullOrEmpty(e.Path) ? "" : $" (at {e.Path})";
        if (!NotConvertible().IsMatch(e.Message))
        {
            return ReaderPosition().Replace(TypeName().Replace(e.Message, ""), "")
                .Replace("could not be mapped to any .NET member", "is not a field the op takes", StringComparison.Ordinal) + at;
        }

        return e.Path switch
        {
            { } path when path.EndsWith(".kind", StringComparison.Ordinal) =>
                "unknown op kind: 'kind' is one of set, insert, delete, move and editText" + at,
            { } path when path.Contains(".path[", StringComparison.Ordinal) =>
                "a path step is a field name (a string) or a list index (a whole number from 0 to 2,147,483,647)" + at,
            _ => "a value is not of the type its field takes" + at,
        };
    }

    [GeneratedRegex("""^The JSON value could not be converted to """)]
    private static partial Regex NotConvertible();

    [GeneratedRegex(""" (for|of|on|in|contained in) type '[^']*'""")]
    private static partial Regex TypeName();

    [GeneratedRegex("""\s*(Path: \$[^|]*\| )?LineNumber: \d+ \| BytePositionInLine: \d+\.?""")]
    private static partial Regex ReaderPosition();

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
