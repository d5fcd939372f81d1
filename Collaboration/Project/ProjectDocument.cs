using System.Text.Json.Nodes;

namespace SampleMind.Collaboration.Project;

/// <summary>
/// Builders for the project document, a JSON tree:
/// <c>{ tempo, key, timeSignature, tracks: [ { id, name, settings: { gain, pan, mute, solo },
/// clips: [ { id, sampleId, startBeat, lengthBeats, gain, pitch, timeStretch } ] } ],
/// markers: [ { id, beat, name } ], notes }</c>. Beats are quarter notes; gain in dB; pan -1..1;
/// pitch in semitones; timeStretch a ratio. <see cref="ProjectSchema"/> holds the exact rules.
/// </summary>
public static class ProjectDocument
{
    /// <summary>A new project: 120 BPM, C major, 4/4, no tracks or markers, empty notes.</summary>
    public static JsonObject CreateEmpty() => new()
    {
        ["tempo"] = 120.0,
        ["key"] = "C major",
        ["timeSignature"] = "4/4",
        ["tracks"] = new JsonArray(),
        ["markers"] = new JsonArray(),
        ["notes"] = string.Empty,
    };

    /// <summary>A track with unity gain, centred, not muted or soloed, no clips.</summary>
    public static JsonObject CreateTrack(string id, string name) => new()
    {
        ["id"] = id,
        ["name"] = name,
        ["settings"] = new JsonObject { ["gain"] = 0.0, ["pan"] = 0.0, ["mute"] = false, ["solo"] = false },
        ["clips"] = new JsonArray(),
    };

    /// <summary>A clip placing sample <paramref name="sampleId"/> at <paramref name="startBeat"/>.</summary>
    public static JsonObject CreateClip(string id, string sampleId, double startBeat, double lengthBeats) => new()
    {
        ["id"] = id,
        ["sampleId"] = sampleId,
        ["startBeat"] = startBeat,
        ["lengthBeats"] = lengthBeats,
        ["gain"] = 0.0,
        ["pitch"] = 0.0,
        ["timeStretch"] = 1.0,
    };

    /// <summary>A marker at <paramref name="beat"/>.</summary>
    public static JsonObject CreateMarker(string id, double beat, string name) => new()
    {
        ["id"] = id,
        ["beat"] = beat,
        ["name"] = name,
    };
}
