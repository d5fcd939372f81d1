using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SampleMind.Api.Auth;
using SampleMind.Api.Endpoints;
using SampleMind.Api.Errors;
using SampleMind.Audio;
using SampleMind.GpuWorker.Hosting;
using SampleMind.GpuWorker.Models;
using SampleMind.GpuWorker.Separation;
using SampleMind.Grains.Abstractions.Compute;
using SampleMind.Grains.Abstractions.Samples;
using SampleMind.Grains.Abstractions.Tenants;
using SampleMind.Runtime;
using SampleMind.Scheduling;

namespace SampleMind.Api.Compute;

/// <summary>
/// GPU compute: stem separation and variations of a sample, each request one durable work item on
/// role "gpu"; its status and files. Another tenant's sample or request is answered 404.
/// </summary>
internal static class ComputeApi
{
    public static RouteGroupBuilder MapComputeApi(this RouteGroupBuilder v1)
    {
        v1.MapPost("/samples/{sampleId}/separate", SeparateAsync).WithTags("Compute")
            .WithSummary("Separate a sample into stems (202 with the request's status)").RequireScope(ApiScope.Ingest).ProducesProblem(StatusCodes.Status409Conflict);
        v1.MapPost("/samples/{sampleId}/variations", VaryAsync).WithTags("Compute")
            .WithSummary("Make variations of a sample (202 with the request's status)").RequireScope(ApiScope.Ingest).ProducesProblem(StatusCodes.Status409Conflict);
        v1.MapGet("/compute", ListAsync).WithTags("Compute")
            .WithSummary("The tenant's recent compute requests, newest first").RequireScope(ApiScope.Read);
        v1.MapGet("/compute/{requestId}", GetAsync).WithTags("Compute")
            .WithSummary("A compute request's state, method and files").RequireScope(ApiScope.Read);
        v1.MapPost("/compute/{requestId}/cancel", CancelAsync).WithTags("Compute")
            .WithSummary("Cancel a queued or running request (its unit is given back)").RequireScope(ApiScope.Ingest)
            .ProducesProblem(StatusCodes.Status409Conflict);
        v1.MapMethods("/compute/{requestId}/files/{name}", [HttpMethods.Get, HttpMethods.Head], GetFileAsync).WithTags("Compute")
            .WithSummary("One file of a done request (HEAD for its headers; Range, If-Range and the other conditional headers)")
            .RequireScope(ApiScope.Read);
        return v1;
    }

    internal static async Task<Results<Accepted<ComputeStatus>, ValidationProblem, ProblemHttpResult>> SeparateAsync(
        string sampleId, SeparateRequest? body, HttpContext context, IGrainFactory grains, ModelRegistry models,
        IOptions<SeparationOptions> separation)
    {
        if (ComputeValidation.Separation(body, models, separation.Value.ModelName) is { } invalid)
        {
            return invalid;
        }

        var request = Request(ComputeKinds.Separate, sampleId, context) with
        {
            Stems = body!.Stems!.Value, Target = body.Target ?? "hpss", Quality = body.Quality ?? "fast",
            Format = body.Format ?? "wav",
        };
        return await SubmitAsync(request, UsageMeter.StemSeparations, grains, check: null);
    }

    internal static async Task<Results<Accepted<ComputeStatus>, ValidationProblem, ProblemHttpResult>> VaryAsync(
        string sampleId, VariationsRequest? body, HttpContext context, IGrainFactory grains, IOptions<AudioAnalyzerOptions> analysis)
    {
        if (ComputeValidation.Variations(body) is { } invalid)
        {
            return invalid;
        }

        var request = Request(ComputeKinds.Vary, sampleId, context) with
        {
            Count = body!.Count!.Value, Variance = body.Variance ?? 0.1, PitchSemitones = body.PitchSemitones, TimeRatio = body.TimeRatio,
        };
        return await SubmitAsync(request, UsageMeter.Variations, grains,
            sample => ComputeValidation.VariationLength(body.TimeRatio, sample.Analysis.Format.DurationSeconds, analysis.Value.MaxDuration));
    }

    internal static async Task<Results<Ok<ItemsResponse<ComputeStatus>>, ProblemHttpResult>> ListAsync(
        HttpContext context, IGrainFactory grains, IWorkQueue queue, int? limit)
    {
        if (limit is < 1 or > 1000)
        {
            return Problems.BadRequest("The limit is 1 to 1000 (default 50).");
        }

        var ids = await grains.GetGrain<ITenantGrain>(context.User.GetTenantId()).ListComputeRequests(limit ?? 50);
        var statuses = new List<ComputeStatus>(ids.Count);
        foreach (var id in ids)
        {
            if (await ReadAsync(id, context, grains, queue) is { } status)
            {
                statuses.Add(status);
            }
        }

        return TypedResults.Ok(new ItemsResponse<ComputeStatus>(statuses));
    }

    internal static async Task<Results<Ok<ComputeStatus>, ProblemHttpResult>> CancelAsync(string requestId, HttpContext context, IGrainFactory grains)
    {
        var status = await FindAsync(requestId, context, grains);
        if (status is null)
        {
            return Problems.NotFound($"There is no compute request '{requestId}'.");
        }

        status = await grains.GetGrain<IComputeRequestGrain>(requestId).Cancel() ?? status;
        return status.State is ComputeState.Cancelled
            ? TypedResults.Ok(status)
            : Problems.Conflict($"Compute request '{requestId}' has ended ({status.State}); only a queued or running request can be cancelled.");
    }

    internal static async Task<Results<Ok<ComputeStatus>, ProblemHttpResult>> GetAsync(
        string requestId, HttpContext context, IGrainFactory grains, IWorkQueue queue)
    {
        var status = await ReadAsync(requestId, context, grains, queue);
        return status is null ? Problems.NotFound($"There is no compute request '{requestId}'.") : TypedResults.Ok(status);
    }

    /// <summary>The request's status (as <see cref="FindAsync"/>), failed first if the queue set its item aside.</summary>
    private static async Task<ComputeStatus?> ReadAsync(string requestId, HttpContext context, IGrainFactory grains, IWorkQueue queue)
    {
        var status = await FindAsync(requestId, context, grains);
        if (status is { State: ComputeState.Queued or ComputeState.Running }
            && await queue.GetJobCountsAsync(requestId, context.RequestAborted) is { Failed: > 0 }
            && (await queue.ReadLatestFailuresAsync(requestId, 1, context.RequestAborted)) is [var failure, ..])
        {
            // The queue set the item aside without its handler saying so: the workers that took it stopped while they ran
            // it (killed, or out of memory) as many times as the queue allows. The request failed (and is refunded).
            status = await grains.GetGrain<IComputeRequestGrain>(requestId).Fail(
                $"Gave up after {failure.Attempts} attempts: {failure.Error}.") ?? status;
        }

        return status;
    }

    internal static async Task<Results<PhysicalFileHttpResult, ProblemHttpResult>> GetFileAsync(
        string requestId, string name, HttpContext context, IGrainFactory grains, IConfiguration configuration)
    {
        var status = await FindAsync(requestId, context, grains);
        var file = status?.Files.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.Ordinal));
        if (status is null || file is null)
        {
            return Problems.NotFound($"Compute request '{requestId}' has no file '{name}'.");
        }

        var path = Path.Combine(ComputeBlobs.FolderFor(configuration, status.Request), file.Name);
        var contentType = file.Name.EndsWith(".flac", StringComparison.Ordinal) ? "audio/flac" : "audio/wav";
        return File.Exists(path)
            ? AudioFileConditions.Serve(context, path, contentType)
            : Problems.NotFound($"The file '{name}' of compute request '{requestId}' is gone.");
    }

    private static ComputeRequest Request(string kind, string sampleId, HttpContext context) =>
        new(Guid.NewGuid().ToString("N"), context.User.GetTenantId(), sampleId, kind, 0, "", "", 0, 0, null, null, DateTimeOffset.UtcNow);

    /// <summary>
    /// Submits a request for one of the caller's samples: 404 for another tenant's, then <paramref name="check"/>'s 400
    /// and a 409 for a sample whose file is gone, all before the quota is touched.
    /// </summary>
    private static async Task<Results<Accepted<ComputeStatus>, ValidationProblem, ProblemHttpResult>> SubmitAsync(
        ComputeRequest request, UsageMeter meter, IGrainFactory grains, Func<SampleRecord, ValidationProblem?>? check)
    {
        if (!Identifiers.IsValid(request.SampleId)
            || await grains.GetGrain<ISampleGrain>(request.SampleId).Get() is not { } sample || sample.TenantId != request.TenantId)
        {
            return Problems.NotFound($"There is no sample '{request.SampleId}'.");
        }

        if (check?.Invoke(sample) is { } invalid)
        {
            return invalid;
        }

        if (!File.Exists(sample.SourcePath))
        {
            // Refused before the quota is touched: the request could only fail.
            return Problems.Conflict($"The audio file of sample '{request.SampleId}' ('{sample.RelativePath}') is gone; ingest it again.");
        }

        // The grain charges the use and queues the request in its own turns, not the HTTP request's: a client that hangs
        // up cannot stop it half-way, and a crash half-way is finished by the grain's reminder, charged once.
        var submission = await grains.GetGrain<IComputeRequestGrain>(request.RequestId).Submit(request, meter);
        if (submission.Refusal is { } quota)
        {
            return Problems.QuotaExceeded(
                $"The {meter} quota of {quota.Limit} per {quota.Period} is used up ({quota.Used} used).");
        }

        var status = submission.Status!;
        return TypedResults.Accepted($"/v1/compute/{request.RequestId}", status);
    }

    private static async Task<ComputeStatus?> FindAsync(string requestId, HttpContext context, IGrainFactory grains)
    {
        if (!Identifiers.IsValid(requestId))
        {
            return null;
        }

        var status = await grains.GetGrain<IComputeRequestGrain>(requestId).GetStatus();
        return status is not null && status.Request.TenantId == context.User.GetTenantId() ? status : null;
    }
}
