using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SampleMind.Api.Auth;
using SampleMind.Api.Endpoints;
using SampleMind.Api.Errors;
using SampleMind.Api.Idempotency;
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
/// role "gpu"; its status and files. Another tenant's sample or request is answered 404. The POSTs take an
/// <c>Idempotency-Key</c>: the request id is derived from it, so a retry answers the request it first made.
/// </summary>
internal static class ComputeApi
{
    public static RouteGroupBuilder MapComputeApi(this RouteGroupBuilder v1)
    {
        v1.MapPost("/samples/{sampleId}/separate", SeparateAsync).WithTags("Compute")
            .WithSummary("Separate a sample into stems (202 with the request's status)").RequireScope(ApiScope.Ingest).ProducesProblem(StatusCodes.Status409Conflict)
            .AcceptsIdempotencyKey();
        v1.MapPost("/samples/{sampleId}/variations", VaryAsync).WithTags("Compute")
            .WithSummary("Make variations of a sample (202 with the request's status)").RequireScope(ApiScope.Ingest).ProducesProblem(StatusCodes.Status409Conflict)
            .AcceptsIdempotencyKey();
        v1.MapGet("/compute", ListAsync).WithTags("Compute")
            .WithSummary("The tenant's recent compute requests, newest first").RequireScope(ApiScope.Read);
        v1.MapGet("/compute/{requestId}", GetAsync).WithTags("Compute")
            .WithSummary("A compute request's state, method and files").RequireScope(ApiScope.Read);
        v1.MapPost("/compute/{requestId}/cancel", CancelAsync).WithTags("Compute")
            .WithSummary("Cancel a queued or running request (its unit is given back)").RequireScope(ApiScope.Ingest)
            .ProducesProblem(StatusCodes.Status409Conflict).TakesNoBody();
        v1.MapMethods("/compute/{requestId}/files/{name}", [HttpMethods.Get, HttpMethods.Head], GetFileAsync).WithTags("Compute")
            .WithSummary("One file of a done request (HEAD for its headers; Range, If-Range and the other conditional headers)")
            .DescribesAudioFile("audio/wav", "audio/flac").RequireScope(ApiScope.Read);
        return v1;
    }

    internal static async Task<Results<Accepted<ComputeStatus>, ValidationProblem, ProblemHttpResult>> SeparateAsync(
        [Description(ParameterDescriptions.SampleId)] string sampleId, SeparateRequest? body, HttpContext context, IGrainFactory grains,
        ModelRegistry models, IOptions<SeparationOptions> separation)
    {
        if (IdempotencyKey.TryRead(context.Request, out var key) is { } malformed)
        {
            return malformed;
        }

        if (ComputeValidation.Separation(body, models, separation.Value.ModelName) is { } invalid)
        {
            return invalid;
        }

        var request = Request(ComputeKinds.Separate, sampleId, key, context) with
        {
            Stems = body!.Stems!.Value, Target = body.Target ?? "hpss", Quality = body.Quality ?? "fast",
            Format = body.Format ?? "wav",
        };
        return await SubmitAsync(request, UsageMeter.StemSeparations, grains, context, keyed: key is not null, check: null);
    }

    internal static async Task<Results<Accepted<ComputeStatus>, ValidationProblem, ProblemHttpResult>> VaryAsync(
        [Description(ParameterDescriptions.SampleId)] string sampleId, VariationsRequest? body, HttpContext context, IGrainFactory grains,
        IOptions<AudioAnalyzerOptions> analysis, IOptions<ApiOptions> api)
    {
        if (IdempotencyKey.TryRead(context.Request, out var key) is { } malformed)
        {
            return malformed;
        }

        if (ComputeValidation.Variations(body) is { } invalid)
        {
            return invalid;
        }

        var request = Request(ComputeKinds.Vary, sampleId, key, context) with
        {
            Count = body!.Count!.Value, Variance = body.Variance ?? 0.1, PitchSemitones = body.PitchSemitones, TimeRatio = body.TimeRatio,
        };
        return await SubmitAsync(request, UsageMeter.Variations, grains, context, keyed: key is not null,
            sample => ComputeValidation.VariationLength(body.TimeRatio, request.Variance, sample.Analysis.Format.DurationSeconds,
                TimeSpan.FromTicks(Math.Min(api.Value.MaxVariationLength.Ticks, analysis.Value.MaxDuration.Ticks))));
    }

    internal static async Task<Results<Ok<ItemsResponse<ComputeStatus>>, ProblemHttpResult>> ListAsync(
        HttpContext context, IGrainFactory grains, IWorkQueue queue,
        [Description(ParameterDescriptions.Limit), Range(1, ListLimit.Max), DefaultValue(ListLimit.Default)] int? limit)
    {
        if (limit is < 1 or > ListLimit.Max)
        {
            return Problems.BadRequest($"The limit is 1 to {ListLimit.Max} (default {ListLimit.Default}).");
        }

        var ids = await grains.GetGrain<ITenantGrain>(context.User.GetTenantId()).ListComputeRequests(limit ?? ListLimit.Default);
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

    internal static async Task<Results<Ok<ComputeStatus>, ProblemHttpResult>> CancelAsync(
        [Description(ParameterDescriptions.RequestId)] string requestId, HttpContext context, IGrainFactory grains)
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
        [Description(ParameterDescriptions.RequestId)] string requestId, HttpContext context, IGrainFactory grains, IWorkQueue queue)
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

    internal static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> GetFileAsync(
        [Description(ParameterDescriptions.RequestId)] string requestId, [Description(ParameterDescriptions.FileName)] string name,
        HttpContext context, IGrainFactory grains, IConfiguration configuration)
    {
        var status = await FindAsync(requestId, context, grains);
        var file = status?.Files.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.Ordinal));
        if (status is null || file is null)
        {
            return Problems.NotFound($"Compute request '{requestId}' has no file '{name}'.");
        }

        var folder = ComputeBlobs.FolderFor(configuration, status.Request);
        var contentType = file.Name.EndsWith(".flac", StringComparison.Ordinal) ? "audio/flac" : "audio/wav";
        return RegularFile.OpenBelow(folder, Path.Combine(folder, file.Name), out var refusal) is { } opened
            ? AudioFileConditions.Serve(context, opened, contentType)
            : Problems.NotFound(refusal is null
                ? $"The file '{name}' of compute request '{requestId}' is gone."
                : $"The file '{name}' of compute request '{requestId}' is gone: {refusal}.");
    }

    /// <summary>A request of the caller's with a new id, or, with an Idempotency-Key, the id derived from it.</summary>
    private static ComputeRequest Request(string kind, string sampleId, string? key, HttpContext context)
    {
        var tenantId = context.User.GetTenantId();
        var requestId = key is null ? Guid.NewGuid().ToString("N") : IdempotencyKey.DeriveId(tenantId, kind, key);
        return new(requestId, tenantId, sampleId, kind, 0, "", "", 0, 0, null, null, DateTimeOffset.UtcNow);
    }

    /// <summary>
    /// Whether <paramref name="asked"/> repeats <paramref name="stored"/>, the request first made with its Idempotency-Key:
    /// the same tenant, sample, kind and parameters (every field but the id, derived from the key, and the time).
    /// </summary>
    private static bool SameRequest(ComputeRequest stored, ComputeRequest asked) =>
        stored with { RequestId = asked.RequestId, CreatedAt = asked.CreatedAt } == asked;

    /// <summary>
    /// Submits a request for one of the caller's samples: 404 for another tenant's, then <paramref name="check"/>'s 400
    /// and a 409 for a sample whose file is gone, all before the quota is touched. A <paramref name="keyed"/> request whose
    /// id is known already is the key sent again: answered from that request (marked replayed, 422 when it asked for
    /// something else), whatever became of the sample since, and charged nothing more.
    /// </summary>
    private static async Task<Results<Accepted<ComputeStatus>, ValidationProblem, ProblemHttpResult>> SubmitAsync(
        ComputeRequest request, UsageMeter meter, IGrainFactory grains, HttpContext context, bool keyed,
        Func<SampleRecord, ValidationProblem?>? check)
    {
        var grain = grains.GetGrain<IComputeRequestGrain>(request.RequestId);
        if (keyed && await grain.GetStatus() is { } known)
        {
            return SameRequest(known.Request, request) ? await SubmitToGrainAsync(request, meter, grain, context) : Reused(known.Request);
        }

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

        return await SubmitToGrainAsync(request, meter, grain, context);
    }

    /// <summary>
    /// Submits to the request's grain, which charges the use and queues the request in its own turns, not the HTTP
    /// request's: a client that hangs up cannot stop it half-way, and a crash half-way is finished by the grain's reminder,
    /// charged once. A request of this id that was there first (the same Idempotency-Key sent again, or at the same time)
    /// is answered as a replay when it asked the same, else 422.
    /// </summary>
    private static async Task<Results<Accepted<ComputeStatus>, ValidationProblem, ProblemHttpResult>> SubmitToGrainAsync(
        ComputeRequest request, UsageMeter meter, IComputeRequestGrain grain, HttpContext context)
    {
        var submission = await grain.Submit(request, meter);
        if (submission.Refusal is { } quota)
        {
            return QuotaUsedUp(quota, context);
        }

        var status = submission.Status!;
        if (submission.Existed)
        {
            if (!SameRequest(status.Request, request))
            {
                return Reused(status.Request);
            }

            IdempotencyKey.MarkReplayed(context.Response);
        }

        return TypedResults.Accepted($"/v1/compute/{request.RequestId}", status);
    }

    /// <summary>
    /// The 429 of a used-up monthly quota, naming the meter in words (not the enum's name), with <c>Retry-After</c> the
    /// seconds until the month (UTC) that renews it, so that a client backing off does not retry every second for weeks.
    /// </summary>
    private static ProblemHttpResult QuotaUsedUp(QuotaGrant quota, HttpContext context)
    {
        var renews = DateTimeOffset.ParseExact(quota.Period, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).AddMonths(1);
        var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        context.Response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling((renews - now).TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        var meter = quota.Meter == UsageMeter.StemSeparations ? "stem separations" : "variations";
        return Problems.QuotaExceeded(string.Create(CultureInfo.InvariantCulture,
            $"The plan's quota of {quota.Limit} {meter} a month is used up for {quota.Period} ({quota.Used} used); it renews on {renews:yyyy-MM-dd} (UTC)."));
    }

    private static ProblemHttpResult Reused(ComputeRequest first) =>
        IdempotencyKey.Reused($"it first came with {(first.Kind == ComputeKinds.Separate ? "a separation" : "variations")} of sample '{first.SampleId}'");

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
