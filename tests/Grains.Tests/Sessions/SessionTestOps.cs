using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using SampleMind.Collaboration;
using SampleMind.Collaboration.Project;
using SampleMind.Grains.Abstractions.Sessions;
using SampleMind.Runtime;

namespace SampleMind.Grains.Tests.Sessions;

/// <summary>Ops as the session grain takes them (JSON text), and an observer that records the ops pushed to it.</summary>
internal static class SessionTestOps
{
    /// <summary>
    /// Creates session <paramref name="id"/> (tenant acme), joins "writer" (key "key") as an editor and commits its tempo
    /// sets 1 to <paramref name="ops"/> (<see cref="Tempo"/>): the tempo ends at 120 + <paramref name="ops"/>.
    /// </summary>
    public static async Task<ISessionGrain> WithTempoSetsAsync(IGrainFactory grains, string id, int ops)
    {
        var session = grains.GetGrain<ISessionGrain>(id);
        await session.Create("acme", "drums", "owner-key");
        var writer = grains.CreateObjectReference<ISessionObserver>(new RecordingSessionObserver());
        Assert.True((await session.Join("writer", "key", SessionRole.Editor, writer, -1)).Joined);
        for (var seq = 1; seq <= ops; seq++)
        {
            Assert.Equal(SessionSubmitStatus.Committed, (await session.Submit("writer", writer, seq, seq - 1, Tempo(seq))).Status);
        }

        return session;
    }

    /// <summary>Sets the tempo from 120 + seq - 1 to 120 + seq: valid only on the revision before <paramref name="seq"/> of a lone writer.</summary>
    public static string Tempo(int seq) =>
        Write(ProjectOp.Set(["tempo"], JsonValue.Create(120.0 + seq - 1), JsonValue.Create(120.0 + seq)));

    /// <summary>Inserts marker <paramref name="index"/> (id <paramref name="id"/>, else "m" and the index) with a name of <paramref name="nameLength"/> characters.</summary>
    public static string Marker(int index, int nameLength, string? id = null) =>
        Write(ProjectOp.Insert(["markers", index], new JsonObject { ["id"] = id ?? $"m{index}", ["beat"] = 0.0, ["name"] = new string('m', nameLength) }));

    /// <summary>One op of <paramref name="count"/> primitives, each setting the tempo (the last to <paramref name="tempo"/>).</summary>
    public static string ManyTempos(int count, double tempo) =>
        JsonSerializer.Serialize(
            new ProjectOperation([.. Enumerable.Range(0, count).Select(i => ProjectOp.Set(["tempo"], null, JsonValue.Create(tempo - count + 1 + i)))]),
            CollaborationJsonContext.Default.ProjectOperation);

    /// <summary>Sets the notes to <paramref name="length"/> times the letter <paramref name="letter"/>.</summary>
    public static string Notes(char letter, int length) =>
        Write(ProjectOp.Set(["notes"], null, JsonValue.Create(new string(letter, length))));

    /// <summary>Sets the name of marker <paramref name="index"/> to <paramref name="length"/> characters.</summary>
    public static string MarkerName(int index, int length) =>
        Write(ProjectOp.Set(["markers", index, "name"], null, JsonValue.Create(new string('n', length))));

    /// <summary>Deletes marker 0.</summary>
    public static string DeleteFirstMarker() => Write(ProjectOp.Delete(["markers", 0], null));

    /// <summary>Sets the key from C major to A minor.</summary>
    public static string Key() => Write(ProjectOp.Set(["key"], JsonValue.Create("C major"), JsonValue.Create("A minor")));

    private static string Write(ProjectOp op) =>
        JsonSerializer.Serialize(new ProjectOperation(op), CollaborationJsonContext.Default.ProjectOperation);
}

/// <summary>A participant's observer that keeps the ops pushed to it, and why it was taken over.</summary>
internal sealed class RecordingSessionObserver : ISessionObserver
{
    public ConcurrentQueue<SessionOp> Ops { get; } = new();

    public ConcurrentQueue<string> TakenOver { get; } = new();

    public ConcurrentQueue<string> Closed { get; } = new();

    public ConcurrentQueue<SessionPresenceUpdate> Presences { get; } = new();

    public ConcurrentQueue<SessionChat> Chats { get; } = new();

    public Task OnOp(SessionOp op)
    {
        Ops.Enqueue(op);
        return Task.CompletedTask;
    }

    public Task OnPresence(SessionPresenceUpdate update)
    {
        Presences.Enqueue(update);
        return Task.CompletedTask;
    }

    public Task OnChat(SessionChat chat)
    {
        Chats.Enqueue(chat);
        return Task.CompletedTask;
    }

    public Task OnParticipants(IReadOnlyList<SessionParticipant> participants) => Task.CompletedTask;

    public Task OnTakenOver(string reason)
    {
        TakenOver.Enqueue(reason);
        return Task.CompletedTask;
    }

    public Task OnClosed(string reason)
    {
        Closed.Enqueue(reason);
        return Task.CompletedTask;
    }
}
