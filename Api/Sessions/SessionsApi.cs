using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SampleMind.Api.Auth;
using SampleMind.Api.Endpoints;
using SampleMind.Api.Errors;
using SampleMind.Grains.Abstractions.Sessions;
using SampleMind.Grains.Abstractions.Tenants;
using SampleMind.Runtime;

namespace SampleMind.Api.Sessions;

/// <summary>
/// Live collaboration sessions (sessions scope): create one for a library (at most Api:MaxLiveSessionsPerTenant live
/// at once), read its facts, document at a revision, op history, undo a client's latest op, close it, and the WebSocket
/// (docs/sessions.md). Another tenant's session answers 404.
/// </summary>
internal static class SessionsApi
{
    public static RouteGroupBuilder MapSessionsApi(this RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("/sessions").WithTags("Sessions").RequireScope(ApiScope.Sessions);
        group.MapPost("/", Create).WithSummary("Create a live session on an empty project for a library")
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/", List).WithSummary("The tenant's sessions, newest first (the latest 10,000 created)");
        group.MapGet("/{sessionId}", Get).WithSummary("A session's facts, revision and participants");
        group.MapGet("/{sessionId}/snapshot", GetSnapshot).WithSummary("The project document at a revision (current when omitted)").ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{sessionId}/history", GetHistory).WithSummary("Committed ops with revisions in (from, to]").ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{sessionId}/close", Close).WithSummary("Close a session: its participants are disconnected, it takes no more edits, and it no longer counts as live")
            .TakesNoBody();
        group.MapPost("/{sessionId}/undo", Undo).WithSummary("Undo a client's latest op that is not undone yet").ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{sessionId}/redo", Redo).WithSummary("Redo a client's latest undo that is not redone yet").ProducesProblem(StatusCodes.Status409Conflict);
        v1.Map("/sessions/{sessionId}/ws", SessionSocketEndpoint.HandleAsync).WithTags("Sessions")
            .WithSummary("The session's WebSocket (key in Authorization, or as subprotocol bearer.smk_... beside samplemind.session)").DisableRateLimiting()
            .AcceptsQuery("access_token"); // so that a key in the URL gets SessionCaller's 401 that says where a key goes
        return v1;
    }

    internal static async Task<Results<Created<SessionInfo>, ValidationProblem, ProblemHttpResult>> Create(
        CreateSessionRequest request, HttpContext context, IGrainFactory grains, IOptions<ApiOptions> api, TimeProvider time, IdleSessionSweeps sweeps)
    {
        if (!Identifiers.IsValid(request.LibraryId))
        {
            return Problems.Invalid("libraryId", $"libraryId is required: {Identifiers.Rule}.");
        }

        // The slot is taken before the session exists, so that a refused request leaves nothing behind.
        var tenantId = context.User.GetTenantId();
        var sessionId = Guid.NewGuid().ToString("N");
        var tenantSessions = grains.GetGrain<ITenantSessionsGrain>(tenantId);
        var limit = api.Value.MaxLiveSessionsPerTenant;
        var idleFor = api.Value.SessionIdleCloseAfter;
        if (!await tenantSessions.TryOpen(sessionId, limit)
            && (!sweeps.Due(tenantId) || await CloseIdleAsync(tenantId, tenantSessions, grains, sweeps, idleFor, context.RequestAborted) == 0
                || !await tenantSessions.TryOpen(sessionId, limit)))
        {
            return Problems.Conflict(
                $"Tenant '{tenantId}' has {limit} live sessions, the most it may have (Api:MaxLiveSessionsPerTenant), and none of them " +
                $"has been idle for longer than {Describe(idleFor)} (no participant connected, no op, undo, redo, join or leave), " +
                "after which sessions are closed automatically to make room (Api:SessionIdleCloseAfter); close one first " +
                "(POST /v1/sessions/{id}/close; GET /v1/sessions lists them, closedAt null for a live one).");
        }

        SessionInfo info;
        try
        {
            info = await grains.GetGrain<ISessionGrain>(sessionId).Create(tenantId, request.LibraryId!, context.User.GetKeyId()!);
        }
        catch
        {
            await tenantSessions.Close(sessionId, time.GetUtcNow());
            throw;
        }

        await tenantSessions.Add(new SessionListing(info.SessionId, info.LibraryId, info.OwnerKeyId, info.CreatedAt));
        return TypedResults.Created($"/v1/sessions/{sessionId}", info);
    }

    /// <summary>
    /// Closes each of the tenant's live sessions idle for longer than <paramref name="idleFor"/> (each checks and closes in
    /// its own turn, by the silo's clock) and returns how many slots that freed. Called from here, not from the tenant's
    /// grain: a session's close calls that grain, and a grain awaiting a call that calls back into it would deadlock.
    /// A sweep that frees nothing holds the tenant's next one off for a minute (<see cref="IdleSessionSweeps"/>).
    /// </summary>
    private static async Task<int> CloseIdleAsync(
        string tenantId, ITenantSessionsGrain tenantSessions, IGrainFactory grains, IdleSessionSweeps sweeps, TimeSpan idleFor, CancellationToken cancellationToken)
    {
        var closed = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(await tenantSessions.ListLive(), parallel, async (sessionId, _) =>
        {
            if (await grains.GetGrain<ISessionGrain>(sessionId).CloseIfIdle(idleFor) is not null)
            {
                Interlocked.Increment(ref closed);
            }
        });
        sweeps.Record(tenantId, closed);
        return closed;
    }

    /// <summary>A duration as a person says it: "7 days", "12 hours", "90 minutes"; else as a TimeSpan ("1.12:30:00").</summary>
    private static string Describe(TimeSpan span) => span switch
    {
        { Ticks: var t } when t % TimeSpan.TicksPerDay == 0 => Plural((int)span.TotalDays, "day"),
        { Ticks: var t } when t % TimeSpan.TicksPerHour == 0 => Plural((int)span.TotalHours, "hour"),
        { Ticks: var t } when t % TimeSpan.TicksPerMinute == 0 => Plural((int)span.TotalMinutes, "minute"),
        _ => span.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
    };

    private static string Plural(int count, string unit) => count == 1 ? $"1 {unit}" : $"{count} {unit}s";

    internal static async Task<Results<Ok<SessionInfo>, ProblemHttpResult>> Close(
        [Description(ParameterDescriptions.SessionId)] string sessionId, HttpContext context, IGrainFactory grains)
    {
        if (await FindAsync(sessionId, context, grains) is null)
        {
            return NotFound(sessionId);
        }

        var info = await grains.GetGrain<ISessionGrain>(sessionId).Close();
        return info is null ? NotFound(sessionId) : TypedResults.Ok(info);
    }

    internal static async Task<Results<Ok<ItemsResponse<SessionListing>>, ProblemHttpResult>> List(
        HttpContext context, IGrainFactory grains,
        [Description(ParameterDescriptions.Limit), Range(1, ListLimit.Max)] int limit = ListLimit.Default)
    {
        if (limit is < 1 or > ListLimit.Max)
        {
            return Problems.BadRequest($"The limit is 1 to {ListLimit.Max} (default {ListLimit.Default}).");
        }

        var sessions = await grains.GetGrain<ITenantSessionsGrain>(context.User.GetTenantId()).List(limit);
        return TypedResults.Ok(new ItemsResponse<SessionListing>(sessions));
    }

    internal static async Task<Results<Ok<SessionInfo>, ProblemHttpResult>> Get(
        [Description(ParameterDescriptions.SessionId)] string sessionId, HttpContext context, IGrainFactory grains)
    {
        var info = await FindAsync(sessionId, context, grains);
        return info is null ? NotFound(sessionId) : TypedResults.Ok(info);
    }

    internal static async Task<Results<Ok<SessionSnapshotResponse>, ProblemHttpResult>> GetSnapshot(
        [Description(ParameterDescriptions.SessionId)] string sessionId, HttpContext context, IGrainFactory grains,
        [Description(ParameterDescriptions.Revision), Range(0, double.MaxValue)] long? revision = null)
    {
        var info = await FindAsync(sessionId, context, grains);
        if (info is null)
        {
            return NotFound(sessionId);
        }

        if (revision is < 0)
        {
            return Problems.BadRequest("revision is a whole number, 0 or more (the current one when omitted).");
        }

        if (revision > info.Revision)
        {
            return Problems.NotFound($"Revision {revision} does not exist: the session is at revision {info.Revision}.");
        }

        var snapshot = await grains.GetGrain<ISessionGrain>(sessionId).GetSnapshot(revision);
        return snapshot is null
            ? Problems.Conflict(revision < info.OldestRevision
                ? $"Revision {revision} is older than the retained history, which starts at revision {info.OldestRevision}."
                : $"Revision {revision}'s document can no longer be rebuilt: documents start at revision {info.OldestDocumentRevision} (the session's older stored snapshot); its ops from revision {info.OldestRevision} on are in /history.")
            : TypedResults.Ok(new SessionSnapshotResponse(snapshot.Revision, JsonNode.Parse(snapshot.Document)));
    }

    internal static async Task<Results<Ok<SessionHistoryResponse>, ProblemHttpResult>> GetHistory(
        [Description(ParameterDescriptions.SessionId)] string sessionId, HttpContext context, IGrainFactory grains,
        [Description(ParameterDescriptions.From), Range(0, double.MaxValue)] long? from = null,
        [Description(ParameterDescriptions.To), Range(0, double.MaxValue)] long? to = null)
    {
        var info = await FindAsync(sessionId, context, grains);
        if (info is null)
        {
            return NotFound(sessionId);
        }

        var start = from ?? info.OldestRevision;
        var end = to ?? info.Revision;
        if (start < 0 || end < start)
        {
            return Problems.BadRequest("from and to are revisions with 0 <= from <= to.");
        }

        // As the snapshot of a revision past the current one: not a shorter history, which read as if the session were there.
        if (end > info.Revision)
        {
            return Problems.NotFound($"Revision {end} does not exist: the session is at revision {info.Revision}.");
        }

        var history = await grains.GetGrain<ISessionGrain>(sessionId).GetHistory(start, end);
        if (!history.Available)
        {
            return Problems.Conflict($"Revision {start} is older than the retained history, which starts at revision {history.OldestRevision}.");
        }

        var ops = history.Ops.Select(op => new SessionHistoryEntry(op.Revision, op.ClientId, op.ClientSeq, JsonNode.Parse(op.Op))).ToList();
        return TypedResults.Ok(new SessionHistoryResponse(history.From, history.To, history.OldestRevision, ops));
    }

    internal static Task<Results<Ok<UndoResponse>, ValidationProblem, ProblemHttpResult>> Undo(
        [Description(ParameterDescriptions.SessionId)] string sessionId, UndoRequest request, HttpContext context, IGrainFactory grains) =>
        UndoOrRedo(sessionId, request, context, grains, redo: false);

    internal static Task<Results<Ok<UndoResponse>, ValidationProblem, ProblemHttpResult>> Redo(
        [Description(ParameterDescriptions.SessionId)] string sessionId, UndoRequest request, HttpContext context, IGrainFactory grains) =>
        UndoOrRedo(sessionId, request, context, grains, redo: true);

    private static async Task<Results<Ok<UndoResponse>, ValidationProblem, ProblemHttpResult>> UndoOrRedo(
        string sessionId, UndoRequest request, HttpContext context, IGrainFactory grains, bool redo)
    {
        if (!Identifiers.IsValid(request.ClientId))
        {
            return Problems.Invalid("clientId", $"clientId is required: {Identifiers.Rule} (as in the socket's hello).");
        }

        if (await FindAsync(sessionId, context, grains) is null)
        {
            return NotFound(sessionId);
        }

        var session = grains.GetGrain<ISessionGrain>(sessionId);
        var keyId = context.User.GetKeyId();
        var result = redo ? await session.RedoFor(request.ClientId!, null, keyId) : await session.UndoFor(request.ClientId!, null, keyId);
        return result.Status == SessionSubmitStatus.Rejected
            ? Problems.Conflict(result.Reason ?? (redo ? "Nothing to redo." : "Nothing to undo."))
            : TypedResults.Ok(new UndoResponse(result.Revision));
    }

    /// <summary>The session when it exists and belongs to the caller's tenant.</summary>
    internal static async Task<SessionInfo?> FindAsync(string sessionId, HttpContext context, IGrainFactory grains) =>
        await FindAsync(sessionId, context.User.GetTenantId(), grains);

    internal static async Task<SessionInfo?> FindAsync(string sessionId, string tenantId, IGrainFactory grains)
    {
        if (!Identifiers.IsValid(sessionId))
        {
            return null;
        }

        var info = await grains.GetGrain<ISessionGrain>(sessionId).GetInfo();
        return info is not null && info.TenantId == tenantId ? info : null;
    }

    private static ProblemHttpResult NotFound(string sessionId) => Problems.NotFound($"There is no session '{Identifiers.Shown(sessionId)}'.");
}
