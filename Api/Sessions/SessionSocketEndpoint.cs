using Microsoft.Extensions.Options;
using SampleMind.Api.Endpoints;
using SampleMind.Api.Errors;
using SampleMind.Grains.Abstractions.Sessions;
using SampleMind.Runtime;

namespace SampleMind.Api.Sessions;

/// <summary><c>/v1/sessions/{id}/ws</c>: authenticates, checks the session is the caller's tenant's, accepts the WebSocket and serves it.</summary>
internal static class SessionSocketEndpoint
{
    public static async Task HandleAsync(
        string sessionId, HttpContext context, IGrainFactory grains, TimeProvider time, IOptions<ApiOptions> api, IHostApplicationLifetime lifetime,
        ILoggerFactory loggers)
    {
        var (caller, status, reason) = await SessionCaller.AuthenticateAsync(context, grains);
        if (caller is null)
        {
            await Problems.Write(context, status, status == StatusCodes.Status401Unauthorized ? ProblemTypes.Unauthorized : ProblemTypes.Forbidden,
                status == StatusCodes.Status401Unauthorized ? "Unauthorized" : "Forbidden", reason);
            return;
        }

        if (await SessionsApi.FindAsync(sessionId, caller.TenantId, grains) is null)
        {
            await Problems.Write(context, StatusCodes.Status404NotFound, ProblemTypes.NotFound, "Not found", $"There is no session '{Identifiers.Shown(sessionId)}'.");
            return;
        }

        if (!context.WebSockets.IsWebSocketRequest)
        {
            await Problems.Write(context, StatusCodes.Status400BadRequest, ProblemTypes.BadRequest, "Bad request",
                "This endpoint speaks WebSocket: send an upgrade request.");
            return;
        }

        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            // A draining silo takes no new sessions: the client connects to another silo at once
            // instead of being accepted and dropped again until this one stops listening.
            await Problems.Write(context, StatusCodes.Status503ServiceUnavailable, ProblemTypes.NotReady, "Not ready",
                "This silo is stopping; connect to another silo.");
            return;
        }

        // The session's subprotocol is selected when offered (a browser that offered subprotocols fails a connection
        // whose answer names none); the key's subprotocol is never echoed.
        var protocol = context.WebSockets.WebSocketRequestedProtocols.Contains(SessionCaller.Protocol) ? SessionCaller.Protocol : null;
        using var socket = await context.WebSockets.AcceptWebSocketAsync(protocol);
        var connection = new SessionConnection(
            socket, grains.GetGrain<ISessionGrain>(sessionId), caller, grains, time, api.Value.SessionHelloTimeout, lifetime.ApplicationStopping,
            loggers.CreateLogger<SessionConnection>(), api.Value.SessionMaxQueuedBytes);
        await connection.RunAsync(context.RequestAborted);
    }
}
