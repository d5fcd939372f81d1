using System.Globalization;
using System.Text.Json.Nodes;
using SampleMind.Collaboration.Project;

namespace SampleMind.Api.Tests.Sessions;

/// <summary>Random small edits of a project, made on the document a client sees: add a track or clip, set a gain, move a clip, set the tempo.</summary>
internal static class ProjectEdits
{
    public static ProjectOperation? Random(JsonObject document, Random random)
    {
        var tracks = document["tracks"]!.AsArray();
        var roll = random.Next(100);
        if (tracks.Count == 0 || (roll < 10 && tracks.Count < 4))
        {
            var id = "t" + random.Next(1_000_000).ToString(CultureInfo.InvariantCulture);
            return Op(ProjectOp.Insert(["tracks", tracks.Count], ProjectDocument.CreateTrack(id, "track " + id)));
        }

        var t = random.Next(tracks.Count);
        var clips = tracks[t]!["clips"]!.AsArray();
        if (clips.Count == 0 || roll < 40)
        {
            var id = "c" + random.Next(1_000_000).ToString(CultureInfo.InvariantCulture);
            var clip = ProjectDocument.CreateClip(id, "sample-" + random.Next(50), random.Next(64), 1 + random.Next(8));
            return Op(ProjectOp.Insert(["tracks", t, "clips", random.Next(clips.Count + 1)], clip));
        }

        var c = random.Next(clips.Count);
        if (roll < 75)
        {
            var old = clips[c]!["gain"]!.DeepClone();
            return Op(ProjectOp.Set(["tracks", t, "clips", c, "gain"], old, Math.Round(-24 + (random.NextDouble() * 30), 2)));
        }

        if (roll < 92)
        {
            return Op(ProjectOp.Move(["tracks", t, "clips", c], random.Next(clips.Count)));
        }

        return Op(ProjectOp.Set(["tempo"], document["tempo"]!.DeepClone(), 60 + random.Next(120)));
    }

    /// <summary>Sets the tempo (a valid op on any project).</summary>
    public static ProjectOperation SetTempo(JsonObject document, double tempo) =>
        Op(ProjectOp.Set(["tempo"], document["tempo"]!.DeepClone(), tempo));

    private static ProjectOperation Op(ProjectOp op) => new(op);
}
