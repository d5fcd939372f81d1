using System.Text.Json.Nodes;
using SampleMind.Collaboration.Project;

namespace SampleMind.Collaboration.Tests.Properties;

/// <summary>Small random projects (so that random ops collide often) and random valid ops of a chosen kind.</summary>
internal static class ProjectGen
{
    /// <summary>The root's strings edited as text (the time signature has a form, so it is only set whole).</summary>
    private static readonly string[] s_rootTexts = ["key", "notes"];

    public static JsonObject Document(Random random)
    {
        var doc = ProjectDocument.CreateEmpty();
        doc["notes"] = TextGen.Text(random, 6);
        var tracks = doc["tracks"]!.AsArray();
        for (var t = random.Next(4); t > 0; t--)
        {
            var track = ProjectDocument.CreateTrack(Id(random), TextGen.Text(random, 4, oneLine: true));
            for (var c = random.Next(4); c > 0; c--)
            {
                track["clips"]!.AsArray().Add(Clip(random));
            }

            tracks.Add(track);
        }

        for (var m = random.Next(3); m > 0; m--)
        {
            doc["markers"]!.AsArray().Add(ProjectDocument.CreateMarker(Id(random), random.Next(64), TextGen.Text(random, 3, oneLine: true)));
        }

        return doc;
    }

    /// <summary>A valid primitive of <paramref name="kind"/> on <paramref name="doc"/>, or null when the document has no target for it.</summary>
    public static ProjectOp? Op(Random random, JsonObject doc, ProjectOpKind kind) => kind switch
    {
        ProjectOpKind.Set => Set(random, doc),
        ProjectOpKind.EditText => EditText(random, doc),
        ProjectOpKind.Insert => Insert(random, doc),
        ProjectOpKind.Delete => ItemOp(random, doc, (path, list) => ProjectOp.Delete(path, list[path[^1].Index]!.DeepClone())),
        _ => ItemOp(random, doc, (path, list) => ProjectOp.Move(path, random.Next(list.Count))),
    };

    /// <summary>A valid op of any kind (several primitives, each valid after the previous).</summary>
    public static ProjectOperation Operation(Random random, JsonObject doc, int maxOps = 3)
    {
        var scratch = (JsonObject)doc.DeepClone();
        var ops = new List<ProjectOp>();
        for (var n = random.Next(1, maxOps + 1); n > 0; n--)
        {
            if (Op(random, scratch, (ProjectOpKind)random.Next(5)) is { } op)
            {
                ops.Add(op);
                new ProjectOperation(op).Apply(scratch);
            }
        }

        return new ProjectOperation(ops);
    }

    private static ProjectOp Set(Random random, JsonObject doc)
    {
        var tracks = doc["tracks"]!.AsArray();
        if (tracks.Count > 0 && random.Next(3) > 0)
        {
            var t = random.Next(tracks.Count);
            return random.Next(4) switch
            {
                0 => ProjectOp.Set(["tracks", t, "settings", "gain"], null, random.Next(-20, 6)),
                1 => ProjectOp.Set(["tracks", t, "settings", "mute"], null, random.Next(2) == 0),
                2 => ProjectOp.Set(["tracks", t, "name"], null, TextGen.Text(random, 3, oneLine: true)),
                _ => ClipSet(random, tracks, t) ?? ProjectOp.Set(["tracks", t, "settings", "pan"], null, random.Next(-10, 11) / 10.0),
            };
        }

        return random.Next(4) switch
        {
            0 => ProjectOp.Set(["tempo"], null, random.Next(60, 180)),
            1 when random.Next(3) == 0 => ProjectOp.Set(["markers"], null, new JsonArray(ProjectDocument.CreateMarker("x", 4, "drop"))),
            1 => ProjectOp.Set(["key"], null, random.Next(2) == 0 ? "A minor" : "C major"),
            _ => ProjectOp.Set(["notes"], null, TextGen.Text(random, 4)),
        };
    }

    private static ProjectOp? ClipSet(Random random, JsonArray tracks, int t)
    {
        var clips = tracks[t]!["clips"]!.AsArray();
        if (clips.Count == 0)
        {
            return null;
        }

        var c = random.Next(clips.Count);
        return random.Next(2) == 0
            ? ProjectOp.Set(["tracks", t, "clips", c, "startBeat"], null, random.Next(32))
            : ProjectOp.Set(["tracks", t, "settings"], null, new JsonObject { ["gain"] = -3.0, ["pan"] = 0.5, ["mute"] = true, ["solo"] = false });
    }

    private static ProjectOp EditText(Random random, JsonObject doc)
    {
        var tracks = doc["tracks"]!.AsArray();
        PathSegment[] path = tracks.Count > 0 && random.Next(2) == 0
            ? ["tracks", random.Next(tracks.Count), "name"]
            : [s_rootTexts[random.Next(s_rootTexts.Length)]];
        var text = TreeValue(doc, path)!.GetValue<string>();
        var oneLine = path[^1].Key != "notes";
        return ProjectOp.EditText(path, TextGen.Op(random, new Collaboration.Text.TextDocument(text).Length, oneLine));
    }

    private static ProjectOp Insert(Random random, JsonObject doc)
    {
        var (path, list) = AnyList(random, doc);
        var value = path[0].Key == "markers" ? ProjectDocument.CreateMarker(Id(random), random.Next(64), "m")
            : path.Length == 1 ? ProjectDocument.CreateTrack(Id(random), "new")
            : Clip(random);
        return ProjectOp.Insert([.. path, random.Next(list.Count + 1)], value);
    }

    private static ProjectOp? ItemOp(Random random, JsonObject doc, Func<PathSegment[], JsonArray, ProjectOp> create)
    {
        for (var attempt = 0; attempt < 6; attempt++)
        {
            var (path, list) = AnyList(random, doc);
            if (list.Count > 0)
            {
                return create([.. path, random.Next(list.Count)], list);
            }
        }

        return null;
    }

    private static (PathSegment[] Path, JsonArray List) AnyList(Random random, JsonObject doc)
    {
        var tracks = doc["tracks"]!.AsArray();
        var pick = random.Next(4);
        if (pick >= 2 && tracks.Count > 0)
        {
            var t = random.Next(tracks.Count);
            return (["tracks", t, "clips"], tracks[t]!["clips"]!.AsArray());
        }

        return pick == 1 ? (["markers"], doc["markers"]!.AsArray()) : (["tracks"], tracks);
    }

    private static JsonNode? TreeValue(JsonNode node, PathSegment[] path)
    {
        var current = (JsonNode?)node;
        foreach (var segment in path)
        {
            current = segment.IsIndex ? current![segment.Index] : current![segment.Key!];
        }

        return current;
    }

    private static JsonObject Clip(Random random) =>
        ProjectDocument.CreateClip(Id(random), "sample-" + random.Next(5), random.Next(32), 1 + random.Next(8));

    /// <summary>An id from a range wide enough that two items of one list practically never share one (the schema refuses that).</summary>
    private static string Id(Random random) => "id" + random.Next();
}
