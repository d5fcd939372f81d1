using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SampleMind.Collaboration.Text;

namespace SampleMind.Collaboration.Project;

/// <summary>
/// The rules a project document and its ops must follow: known fields only, every field present,
/// values of the right type (tempo 20..999, pan -1..1, beats and lengths not negative, gain -96..24 dB,
/// pitch -48..48 semitones, timeStretch 0.25..4). Sets and inserts must carry a value of the target's shape;
/// text edits only apply to string fields; list ops only to lists. Ids, names, the key, the time signature and sample ids
/// are one-line strings with no control characters (<see cref="ControlCharacters"/>) and a bound on their length; ids are
/// not empty and no two items of one list share one; the time signature is "n/d" (see docs/collaboration-ot.md).
/// </summary>
public static partial class ProjectSchema
{
    /// <summary>The most UTF-16 units of a track's name or of a clip's sample id.</summary>
    public const int MaxNameLength = 200;

    /// <summary>The most UTF-16 units of the key ("C major", "F# minor", a mode...).</summary>
    public const int MaxKeyLength = 64;

    private static readonly SchemaNode s_root = Build();

    /// <summary>Checks a whole document.</summary>
    public static bool TryValidateDocument(JsonNode? document, [NotNullWhen(false)] out string? reason)
    {
        reason = s_root.Check(document, "project");
        return reason is null;
    }

    /// <summary>Checks an op without the document: path shape, field names, value shapes, text op structure.</summary>
    public static bool TryValidateStructure(ProjectOp op, [NotNullWhen(false)] out string? reason)
    {
        ArgumentNullException.ThrowIfNull(op);
        reason = CheckStructure(op, lines: true);
        return reason is null;
    }

    /// <summary>
    /// Checks an op against the document it would apply to; never applies it. Without <paramref name="lines"/> the
    /// one-line strings' rules (characters, lengths, forms, ids unique and whole) are left out: for an op of the log,
    /// committed under the rules of its day, which must still load where a later rule would refuse it.
    /// </summary>
    public static bool TryValidate(JsonObject document, ProjectOp op, [NotNullWhen(false)] out string? reason, bool lines = true)
    {
        ArgumentNullException.ThrowIfNull(op);
        reason = CheckStructure(op, lines);
        if (reason is not null || !TreeEdits.TryCheck(document, op, out reason))
        {
            return false;
        }

        if (!lines)
        {
            return true;
        }

        reason = CheckAgainstDocument(document, op, Walk(op.Path).Parent!);
        return reason is null;
    }

    /// <summary>What only the document tells: an id another item of the list has, a text edit that breaks a line's rules.</summary>
    private static string? CheckAgainstDocument(JsonObject document, ProjectOp op, SchemaNode parent)
    {
        var path = op.Path.AsSpan();
        var where = TreeEdits.Describe(path);
        if (op.Kind == ProjectOpKind.Insert && parent.UniqueIds)
        {
            return IdTaken((JsonArray)TreeEdits.NodeAt(document, path[..^1])!, op.Value!["id"]!.GetValue<string>(), -1, where);
        }

        if (op.Kind is not (ProjectOpKind.Set or ProjectOpKind.EditText) || parent.Fields![op.Path[^1].Key!].Line is not { } line)
        {
            return null;
        }

        if (line.Id)
        {
            return op.Kind == ProjectOpKind.EditText
                ? $"{where} is an id: set it whole rather than editing it as text"
                : IdTaken((JsonArray)TreeEdits.NodeAt(document, path[..^2])!, op.Value!.GetValue<string>(), path[^2].Index, where);
        }

        return op.Kind == ProjectOpKind.EditText
            ? parent.Fields[op.Path[^1].Key!].CheckLine(op.Text!.Apply(TreeEdits.NodeAt(document, path)!.GetValue<string>()), where)
            : null;
    }

    private static string? IdTaken(JsonArray list, string id, int self, string where)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (i != self && string.Equals(list[i]!["id"]!.GetValue<string>(), id, StringComparison.Ordinal))
            {
                return $"{where}: id \"{id}\" is already used by item {i} of that list";
            }
        }

        return null;
    }

    private static string? CheckStructure(ProjectOp op, bool lines)
    {
        if (op.Path is null || op.Path.Length == 0)
        {
            return $"{op.Kind} needs a path";
        }

        if (!Enum.IsDefined(op.Kind))
        {
            return $"unknown op kind {(int)op.Kind}";
        }

        var (parent, reason) = Walk(op.Path);
        if (reason is not null)
        {
            return reason;
        }

        var last = op.Path[^1];
        var where = TreeEdits.Describe(op.Path);
        return op.Kind switch
        {
            ProjectOpKind.Set or ProjectOpKind.EditText when last.IsIndex || parent!.Kind != JsonValueKind.Object =>
                $"{op.Kind} needs a path ending with a field name, got {where}",
            ProjectOpKind.Insert or ProjectOpKind.Delete or ProjectOpKind.Move when !last.IsIndex || parent!.Kind != JsonValueKind.Array =>
                $"{op.Kind} needs a path ending with a list index, got {where}",
            _ when last.IsIndex && last.Index < 0 => $"negative index at {where}",
            ProjectOpKind.Set => parent!.Fields!.TryGetValue(last.Key!, out var field)
                ? field.Check(op.Value, where, lines)
                : $"{where} is not a known field",
            ProjectOpKind.EditText => CheckText(parent!, last, op, where),
            ProjectOpKind.Insert => parent!.Item!.Check(op.Value, where, lines),
            ProjectOpKind.Move when op.ToIndex < 0 => $"negative destination {op.ToIndex} at {where}",
            _ => null,
        };
    }

    private static string? CheckText(SchemaNode parent, PathSegment last, ProjectOp op, string where)
    {
        if (!parent.Fields!.TryGetValue(last.Key!, out var field))
        {
            return $"{where} is not a known field";
        }

        if (field.Kind != JsonValueKind.String)
        {
            return $"EditText needs a string field, {where} is not one";
        }

        if (op.Text is null)
        {
            return $"EditText at {where} carries no text operation";
        }

        return op.Text.TryValidate(op.Text.BaseLength, out var reason) ? null : reason;
    }

    /// <summary>The schema of the node holding the path's last segment, or why the path is wrong.</summary>
    private static (SchemaNode? Parent, string? Reason) Walk(PathSegment[] path)
    {
        var node = s_root;
        for (var i = 0; i < path.Length - 1; i++)
        {
            var segment = path[i];
            SchemaNode? next = null;
            if (node.Kind == JsonValueKind.Object && !segment.IsIndex)
            {
                node.Fields!.TryGetValue(segment.Key ?? string.Empty, out next);
            }
            else if (node.Kind == JsonValueKind.Array && segment.IsIndex && segment.Index >= 0)
            {
                next = node.Item;
            }

            if (next is null)
            {
                return (null, $"bad path: {TreeEdits.Describe(path.AsSpan(0, i + 1))} does not fit the project's shape");
            }

            node = next;
        }

        return (node, null);
    }

    private static SchemaNode Build()
    {
        var id = SchemaNode.Id();
        var name = SchemaNode.OneLine(MaxNameLength);
        var gain = SchemaNode.Number(-96, 24);
        var beat = SchemaNode.Number(0, 1_000_000);
        var settings = SchemaNode.Object(
            ("gain", gain), ("pan", SchemaNode.Number(-1, 1)), ("mute", SchemaNode.Boolean()), ("solo", SchemaNode.Boolean()));
        var clip = SchemaNode.Object(
            ("id", id), ("sampleId", SchemaNode.OneLine(MaxNameLength)), ("startBeat", beat), ("lengthBeats", beat),
            ("gain", gain), ("pitch", SchemaNode.Number(-48, 48)), ("timeStretch", SchemaNode.Number(0.25, 4)));
        var track = SchemaNode.Object(("id", id), ("name", name), ("settings", settings), ("clips", SchemaNode.List(clip)));
        // A marker's name is the note at its position: bounded by the op's and the project's size only, not by MaxNameLength.
        var marker = SchemaNode.Object(("id", id), ("beat", beat), ("name", SchemaNode.OneLine(int.MaxValue)));
        return SchemaNode.Object(
            ("tempo", SchemaNode.Number(20, 999)), ("key", SchemaNode.OneLine(MaxKeyLength)),
            ("timeSignature", SchemaNode.OneLine(5, TimeSignature(), "n/d with n from 1 to 32 and d 1, 2, 4, 8, 16 or 32, such as \"4/4\"")),
            ("tracks", SchemaNode.List(track)), ("markers", SchemaNode.List(marker)), ("notes", SchemaNode.String()));
    }

    [GeneratedRegex(@"^([1-9]|[12][0-9]|3[0-2])/(1|2|4|8|16|32)\z", RegexOptions.CultureInvariant)]
    private static partial Regex TimeSignature();
}
