using System.Net.WebSockets;
using Microsoft.Extensions.DependencyInjection;
using SampleMind.Api.Sessions;
using SampleMind.Api.Tests.Hosting;
using SampleMind.Grains.Abstractions.Sessions;
using SampleMind.Runtime;

namespace SampleMind.Api.Tests.Sessions;

/// <summary>
/// A host that stops while a participant is connected (a silo leaving the cluster) closes the participant's socket at
/// once, with the close status that tells a client to reconnect, even while the session takes its time to answer the
/// leave (it is moving to another silo): until the close frame arrives the client would go on sending edits that
/// nothing reads any more, and they pile up unacknowledged.
/// </summary>
public sealed class SessionConnectionStoppingTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_stopping_host_closes_the_socket_before_the_session_answers_the_leave()
    {
        var sessionId = await SessionFixture.CreateSessionAsync(factory.CreateAdminClient());
        var grains = factory.Services.GetRequiredService<IGrainFactory>();
        using var sockets = await LoopbackWebSocketPair.OpenAsync();
        var client = new RawSessionSocket(sockets.Client); // not disposed here: the pair owns its sockets
        var session = new SlowLeaveSession(grains.GetGrain<ISessionGrain>(sessionId));
        using var stopping = new CancellationTokenSource();
        var (_, running) = sockets.Run(session, new SessionCaller("admin", "stopping-key", ""), grains, stopping: stopping.Token);
        Assert.Equal("welcome", (await client.HelloAsync("leaving"))["type"]!.GetValue<string>());

        await stopping.CancelAsync();
        while (await client.ReceiveAsync() is not null)
        {
            // The snapshot and anything else queued before the close.
        }

        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, sockets.Client.CloseStatus);
        await session.LeaveAsked.Task.WaitAsync(Settle);
        Assert.False(running.IsCompleted, "the connection should still be waiting for the session's answer to the leave");
        session.AnswerLeave();
        await running.WaitAsync(Settle);
    }

    /// <summary>The real session, but its answer to a leave waits for the test.</summary>
    private sealed class SlowLeaveSession(ISessionGrain inner) : ISessionGrain
    {
        private readonly TaskCompletionSource _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource LeaveAsked { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void AnswerLeave() => _answer.TrySetResult();

        public async Task Leave(string clientId, ISessionObserver observer)
        {
            LeaveAsked.TrySetResult();
            await _answer.Task;
            await inner.Leave(clientId, observer);
        }

        public Task<SessionInfo> Create(string tenantId, string libraryId, string ownerKeyId) => inner.Create(tenantId, libraryId, ownerKeyId);

        public Task<SessionInfo?> GetInfo() => inner.GetInfo();

        public Task<SessionInfo?> Close() => inner.Close();

        public Task<SessionInfo?> CloseIfIdle(TimeSpan idleFor) => inner.CloseIfIdle(idleFor);

        public Task<SessionJoinResult> Join(string clientId, string keyId, SessionRole role, ISessionObserver observer, long lastRevision) =>
            inner.Join(clientId, keyId, role, observer, lastRevision);

        public Task<bool> KeepAlive(string clientId, ISessionObserver observer) => inner.KeepAlive(clientId, observer);

        public Task<SessionSubmitResult> Submit(string clientId, ISessionObserver observer, long clientSeq, long baseRevision, string op) =>
            inner.Submit(clientId, observer, clientSeq, baseRevision, op);

        public Task<SessionCatchUp> GetSince(long revision) => inner.GetSince(revision);

        public Task<SessionSnapshot?> GetSnapshot(long? revision) => inner.GetSnapshot(revision);

        public Task<SessionHistory> GetHistory(long from, long to) => inner.GetHistory(from, to);

        public Task<SessionSubmitResult> UndoFor(string clientId, ISessionObserver? observer, string? keyId) => inner.UndoFor(clientId, observer, keyId);

        public Task<SessionSubmitResult> RedoFor(string clientId, ISessionObserver? observer, string? keyId) => inner.RedoFor(clientId, observer, keyId);

        public Task UpdatePresence(string clientId, ISessionObserver observer, SessionPresence presence) =>
            inner.UpdatePresence(clientId, observer, presence);

        public Task Chat(string clientId, ISessionObserver observer, string text) => inner.Chat(clientId, observer, text);
    }
}
