using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SampleMind.Collaboration;
using SampleMind.Collaboration.Project;
using SampleMind.Grains.Abstractions.Sessions;
using SampleMind.Grains.Sessions;
using SampleMind.Runtime;
using SampleMind.Runtime.Hosting;
using SampleMind.Grains.Tests.Storage;
using SampleMind.Runtime.Storage;
using SampleMind.TestSupport;

namespace SampleMind.Grains.Tests.Sessions;

/// <summary>
/// A session grain whose write of an op fails (storage refuses it) on an embedded silo: calls already queued behind
/// that op are refused instead of being served from memory that storage does not hold, and the next activation,
/// restored from storage, catches a client up with ops (not a snapshot that would drop its unacknowledged edits),
/// whichever of the two records failed at a snapshot.
/// </summary>
public sealed class SessionWriteFailureTests : IAsyncLifetime
{
    private readonly FaultyGrainStorage _storage = new();
    private IHost? _host;

    public async Task InitializeAsync()
    {
        // Grain classes register from their assembly's module initializer: load SampleMind.Grains first.
        System.Runtime.CompilerServices.RuntimeHelpers.RunModuleConstructor(typeof(SessionGrain).Module.ModuleHandle);
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton<IGrainStorage>(_storage);
        builder.Services.AddSampleMindSilo(o => o.Storage = "memory");
        _host = builder.Build();
        await _host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _host!.StopAsync();
        if (_host is IAsyncDisposable async)
        {
            await async.DisposeAsync();
        }
        else
        {
            _host.Dispose();
        }
    }

    /// <summary>The op at a snapshot's revision writes the log and the snapshot; either write fails here.</summary>
    [Theory]
    [InlineData("sessionlog")]
    [InlineData("session")]
    public async Task A_failed_write_at_a_snapshot_refuses_the_queued_calls_and_the_next_activation_catches_up_with_ops(string failing)
    {
        var grains = _host!.Services.GetRequiredService<IGrainFactory>();
        var session = grains.GetGrain<ISessionGrain>("s-" + failing);
        await session.Create("acme", "drums", "owner-key");
        var writer = new RecordingObserver();
        var reader = new RecordingObserver();
        Assert.True((await session.Join("writer", "key", SessionRole.Editor, grains.CreateObjectReference<ISessionObserver>(writer), 0)).Joined);
        Assert.True((await session.Join("reader", "key", SessionRole.Editor, grains.CreateObjectReference<ISessionObserver>(reader), 0)).Joined);
        var last = SessionGrain.SnapshotInterval - 1;
        for (var seq = 1; seq <= last; seq++)
        {
            Assert.Equal(SessionSubmitStatus.Committed, (await session.Submit("writer", seq, seq - 1, TempoOp(seq))).Status);
        }

        // The op at the snapshot's revision waits in its write while a later op and a join queue behind it; then the write fails.
        var fault = _storage.FailNextWrite(failing, new IOException("storage refused the write (test)"), hold: true);
        var atSnapshot = session.Submit("writer", last + 1, last, TempoOp(last + 1));
        await fault.Reached;
        var queuedOp = session.Submit("reader", 1, last, SetKeyOp());
        var queuedJoin = session.Join("late", "key", SessionRole.Editor, grains.CreateObjectReference<ISessionObserver>(new RecordingObserver()), last);
        fault.Release();

        await Assert.ThrowsAnyAsync<Exception>(() => atSnapshot);
        await Assert.ThrowsAnyAsync<Exception>(() => queuedOp);
        await Assert.ThrowsAnyAsync<Exception>(() => queuedJoin);
        Assert.DoesNotContain(reader.Ops, op => op.Revision > last);

        // The next activation restores what storage holds: the log is written first, so the op is stored when only the
        // snapshot failed, and lost (never acknowledged) when the log failed. Either way a client at the revision before
        // catches up with ops, and its resend is committed once.
        // A call may still reach the failed activation while it is being dropped: it is refused too, and a client
        // (as a session connection does) tries again.
        var committedBefore = failing == "session";
        SessionJoinResult? rejoined = null;
        await Eventually.HoldsAsync(async () =>
        {
            try
            {
                rejoined = await session.Join("writer", "key", SessionRole.Editor, grains.CreateObjectReference<ISessionObserver>(writer), last);
                return true;
            }
            catch (InvalidOperationException e) when (e.Message.Contains("restarting", StringComparison.Ordinal))
            {
                return false;
            }
        }, TimeSpan.FromSeconds(10), "a join served by the next activation");
        Assert.True(rejoined!.Joined);
        Assert.Null(rejoined.CatchUp!.Snapshot);
        Assert.Equal(committedBefore ? last + 1 : last, rejoined.CatchUp.Revision);
        Assert.Equal(committedBefore ? new long[] { last + 1 } : [], rejoined.CatchUp.Ops.Select(op => op.Revision));
        var resent = await session.Submit("writer", last + 1, last, TempoOp(last + 1));
        Assert.Equal(committedBefore ? SessionSubmitStatus.Duplicate : SessionSubmitStatus.Committed, resent.Status);
        Assert.Equal(last + 1, resent.Revision);

        var next = await session.Submit("writer", last + 2, last + 1, TempoOp(last + 2));
        Assert.Equal(SessionSubmitStatus.Committed, next.Status);
        Assert.Equal(last + 2, next.Revision);
        var snapshot = await session.GetSnapshot(null);
        Assert.Equal(120.0 + last + 2, JsonNode.Parse(snapshot!.Document)!["tempo"]!.GetValue<double>());
    }

    /// <summary>Sets the tempo from 120 + seq - 1 to 120 + seq: valid only on the revision before <paramref name="seq"/>.</summary>
    private static string TempoOp(int seq) =>
        JsonSerializer.Serialize(
            new ProjectOperation(ProjectOp.Set(["tempo"], JsonValue.Create(120.0 + seq - 1), JsonValue.Create(120.0 + seq))),
            CollaborationJsonContext.Default.ProjectOperation);

    private static string SetKeyOp() =>
        JsonSerializer.Serialize(
            new ProjectOperation(ProjectOp.Set(["key"], JsonValue.Create("C major"), JsonValue.Create("A minor"))),
            CollaborationJsonContext.Default.ProjectOperation);

    private sealed class RecordingObserver : ISessionObserver
    {
        public ConcurrentQueue<SessionOp> Ops { get; } = new();

        public Task OnOp(SessionOp op)
        {
            Ops.Enqueue(op);
            return Task.CompletedTask;
        }

        public Task OnPresence(SessionPresenceUpdate update) => Task.CompletedTask;

        public Task OnChat(SessionChat chat) => Task.CompletedTask;

        public Task OnParticipants(IReadOnlyList<SessionParticipant> participants) => Task.CompletedTask;
    }
}
