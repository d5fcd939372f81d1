using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using SampleMind.Api.Auth;
using SampleMind.Api.Errors;
using SampleMind.Grains.Abstractions.Ingest;
using SampleMind.Grains.Abstractions.Tenants;
using SampleMind.Runtime;

namespace SampleMind.Api.Endpoints;

/// <summary>
/// Ingest jobs: status, live progress (Server-Sent Events), pause/resume/cancel, streamed results.
/// A job of another tenant is answered 404, as if it did not exist.
/// </summary>
internal static class JobsApi
{
    public static RouteGroupBuilder MapJobsApi(this RouteGroupBuilder v1)
    {
        var jobs = v1.MapGroup("/jobs").WithTags("Jobs");
        jobs.MapGet("/", ListJobs).WithSummary("The tenant's recent jobs, newest first").RequireScope(ApiScope.Read);
        jobs.MapGet("/{jobId}", GetJob).WithSummary("A job's state, counts, rate, ETA and recent failures").RequireScope(ApiScope.Read);
        jobs.MapPost("/{jobId}/pause", ([Description(ParameterDescriptions.JobId)] string jobId, HttpContext c, IGrainFactory g) =>
                Steer(jobId, c, g, "paused", j => j.Pause()))
            .WithSummary("Pause: no new files are started; files in flight finish").RequireScope(ApiScope.Ingest).ProducesProblem(StatusCodes.Status409Conflict)
            .TakesNoBody();
        jobs.MapPost("/{jobId}/resume", ([Description(ParameterDescriptions.JobId)] string jobId, HttpContext c, IGrainFactory g) =>
                Steer(jobId, c, g, "resumed", j => j.Resume()))
            .WithSummary("Resume a paused job").RequireScope(ApiScope.Ingest).ProducesProblem(StatusCodes.Status409Conflict).TakesNoBody();
        jobs.MapPost("/{jobId}/cancel", ([Description(ParameterDescriptions.JobId)] string jobId, HttpContext c, IGrainFactory g) =>
                Steer(jobId, c, g, "cancelled", j => j.Cancel()))
            .WithSummary("Cancel: files not yet started are dropped").RequireScope(ApiScope.Ingest).ProducesProblem(StatusCodes.Status409Conflict).TakesNoBody();
        jobs.MapGet("/{jobId}/events", JobEvents.Stream)
            .WithSummary("Progress as Server-Sent Events (each event a full status; resumable with Last-Event-ID)")
            .RequireScope(ApiScope.Read);
        // HEAD answered here: the GET streams its rows (chunked, no Content-Length), so a HEAD sends the same headers and
        // reads no rows, where running the GET for it would read every row of a million-file job.
        jobs.MapMethods("/{jobId}/results", [HttpMethods.Get, HttpMethods.Head], GetResults)
            .WithSummary("Per-file results, streamed as JSON lines (format=json) or CSV (format=csv)")
            .Produces<string>(StatusCodes.Status200OK, "application/x-ndjson", "text/csv").RequireScope(ApiScope.Read);
        return v1;
    }

    internal static async Task<Results<Ok<ItemsResponse<JobStatus>>, ProblemHttpResult>> ListJobs(
        HttpContext context, IGrainFactory grains,
        [Description(ParameterDescriptions.Limit), Range(1, ListLimit.Max), DefaultValue(ListLimit.Default)] int? limit)
    {
        if (limit is < 1 or > ListLimit.Max)
        {
            return Problems.BadRequest($"The limit is 1 to {ListLimit.Max} (default {ListLimit.Default}).");
        }

        var ids = await grains.GetGrain<ITenantGrain>(context.User.GetTenantId()).ListJobs(limit ?? ListLimit.Default);
        var statuses = new List<JobStatus>(ids.Count);
        foreach (var id in ids)
        {
            if (await grains.GetGrain<IIngestJobGrain>(id).GetStatus() is { } status)
            {
                statuses.Add(status);
            }
        }

        return TypedResults.Ok(new ItemsResponse<JobStatus>(statuses));
    }

    internal static async Task<Results<Ok<JobStatus>, ProblemHttpResult>> GetJob(
        [Description(ParameterDescriptions.JobId)] string jobId, HttpContext context, IGrainFactory grains)
    {
        var status = await FindAsync(jobId, context, grains);
        return status is null ? Problems.NotFound($"There is no job '{Identifiers.Shown(jobId)}'.") : TypedResults.Ok(status);
    }

    /// <summary>The job's status when it exists and belongs to the caller's tenant, else null.</summary>
    internal static async Task<JobStatus?> FindAsync(string jobId, HttpContext context, IGrainFactory grains)
    {
        if (!Identifiers.IsValid(jobId))
        {
            return null;
        }

        var status = await grains.GetGrain<IIngestJobGrain>(jobId).GetStatus();
        return status is not null && status.TenantId == context.User.GetTenantId() ? status : null;
    }

    /// <summary>
    /// Pauses, resumes or cancels a job (<paramref name="done"/>: "paused", "resumed" or "cancelled"). Asking for the state
    /// a job is in is a 200 with its status (pausing a paused job, resuming a running one, cancelling a cancelled one); a
    /// job that has ended cannot be steered otherwise: 409. The answer is judged by the state the job grain returns from
    /// the same turn that steered it, so a pause racing a cancel (or the job's end) cannot answer 200 for a job that ended.
    /// The operator tenant's admin key steers every tenant's job (the dashboard's buttons); any other key its tenant's.
    /// </summary>
    private static async Task<Results<Ok<JobStatus>, ProblemHttpResult>> Steer(
        string jobId, HttpContext context, IGrainFactory grains, string done, Func<IIngestJobGrain, Task<JobStatus?>> action)
    {
        // The operator steers any tenant's job, as the dashboard (which shows them all) offers; a tenant only its own.
        var operatorKey = ScopePolicies.IsOperatorKey(context.User.HasScope(ApiScope.Admin), context.User.GetTenantId());
        var status = Identifiers.IsValid(jobId) ? await grains.GetGrain<IIngestJobGrain>(jobId).GetStatus() : null;
        if (status is null || (status.TenantId != context.User.GetTenantId() && !operatorKey))
        {
            return Problems.NotFound($"There is no job '{Identifiers.Shown(jobId)}'.");
        }

        var after = (await action(grains.GetGrain<IIngestJobGrain>(jobId)))!;
        var wanted = done switch
        {
            "paused" => JobState.Paused,
            "resumed" => JobState.Running,
            _ => JobState.Cancelled,
        };
        return after.State == wanted
            ? TypedResults.Ok(after)
            : Problems.Conflict($"Job '{jobId}' has ended ({after.State}); it cannot be {done}.");
    }

    internal static async Task<Results<EmptyHttpResult, ProblemHttpResult>> GetResults(
        [Description(ParameterDescriptions.JobId)] string jobId,
        [Description(ParameterDescriptions.ResultsFormat), AllowedValues("json", "csv"), DefaultValue("json")] string? format,
        HttpContext context, IGrainFactory grains, IJobResults results, CancellationToken cancellationToken)
    {
        if (format is not (null or "json" or "csv"))
        {
            return Problems.BadRequest("The format is json or csv.");
        }

        if (await FindAsync(jobId, context, grains) is null)
        {
            return Problems.NotFound($"There is no job '{Identifiers.Shown(jobId)}'.");
        }

        var csv = format == "csv";
        context.Response.ContentType = csv ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8";
        // A download saved under a name that says what it holds (the job id is checked: letters, digits, '-' and '_').
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{jobId}-results.{(csv ? "csv" : "jsonl")}\"";
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return TypedResults.Empty;
        }

        // No byte order mark; CSV records end in CRLF (RFC 4180), JSON lines in LF.
        await using var writer = new StreamWriter(context.Response.Body, new UTF8Encoding(false), 16 * 1024) { NewLine = csv ? "\r\n" : "\n" };
        if (csv)
        {
            await writer.WriteLineAsync(ResultCsv.Header);
        }

        await foreach (var row in results.ReadAsync(jobId, cancellationToken))
        {
            await writer.WriteLineAsync(csv ? ResultCsv.Format(row) : JsonSerializer.Serialize(row, ApiJsonContext.Default.JobResultRow));
        }

        return TypedResults.Empty;
    }
}
