using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SampleMind.Api.Auth;
using SampleMind.Api.Endpoints;
using SampleMind.Api.Errors;
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
    private const int DefaultPriority = 5;

    public static RouteGroupBuilder MapComputeApi(this RouteGroupBuilder v1)
    {
        v1.MapPost("/samples/{sampleId}/separate", SeparateAsync).WithTags("Compute")
            .WithSummary("Separate a sample into stems (202 with the request's status)").RequireScope(ApiScope.Ingest).ProducesProblem(StatusCodes.Status409Conflict);
        v1.MapPost("/samples/{sampleId}/variations", VaryAsync).WithTags("Compute")
            .WithSummary("Make variations of a sample (202 with the request's status)").RequireScope(ApiScope.Ingest).ProducesProblem(StatusCodes.Status409Conflict);
        v1.MapGet("/compute/{requestId}", GetAsync).WithTags("Compute")
            .WithSummary("A compute request's state, method and files").RequireScope(ApiScope.Read);
        v1.MapMethods("/compute/{requestId}/files/{name}", [HttpMethods.Get, HttpMethods.Head], GetFileAsync).WithTags("Compute")
            .WithSummary("One file of a done request (HEAD for its headers; Range, If-Range and the other conditional headers)")
            .RequireScope(ApiScope.Read);
        return v1;
    }

    internal static async Task<Results<Accepted<ComputeStatus>, ProblemHttpResult>> SeparateAsync(
        string sampleId, SeparateRequest? body, HttpContext context, IGrainFactory grains, IWorkQueue queue, ModelRegistry models,
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
        return await SubmitAsync(request, UsageMeter.StemSeparations, grains, queue);
    }

    internal static async Task<Results<Accepted<ComputeStatus>, ProblemHttpResult>> VaryAsync(
        string sampleId, VariationsRequest? body, HttpContext context, IGrainFactory grains, IWorkQueue queue)
    {
        if (ComputeValidation.Variations(body) is { } invalid)
        {
            return invalid;
        }

        var request = Request(ComputeKinds.Vary, sampleId, context) with
        {
            Count = body!.Count!.Value, Variance = body.Variance ?? 0.1, PitchSemitones = body.PitchSemitones, TimeRatio = body.TimeRatio,
        };
        return await SubmitAsync(request, UsageMeter.Variations, grains, queue);
    }

    internal static async Task<Results<Ok<ComputeStatus>, ProblemHttpResult>> GetAsync(string requestId, HttpContext context, IGrainFactory grains)
    {
        var status = await FindAsync(requestId, context, grains);
        return status is null ? Problems.NotFound($"There is no compute request '{requestId}'.") : TypedResults.Ok(status);
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

    private static async Task<Results<Accepted<ComputeStatus>, ProblemHttpResult>> SubmitAsync(
        ComputeRequest request, UsageMeter meter, IGrainFactory grains, IWorkQueue queue)
    {
        if (!Identifiers.IsValid(request.SampleId)
            || await grains.GetGrain<ISampleGrain>(request.SampleId).Get() is not { } sample || sample.TenantId != request.TenantId)
        {
            return Problems.NotFound($"There is no sample '{request.SampleId}'.");
        }

        if (!File.Exists(sample.SourcePath))
        {
            // Refused before the quota is touched: the request could only fail.
            return Problems.Conflict($"The audio file of sample '{request.SampleId}' ('{sample.RelativePath}') is gone; ingest it again.");
        }

        var quota = await grains.GetGrain<ITenantGrain>(request.TenantId).TryConsume(meter, 1);
        if (!quota.Allowed)
        {
            return Problems.QuotaExceeded(
                $"The {meter} quota of {quota.Limit} per {quota.Period} is used up ({quota.Used} used).");
        }

        // The unit is spent: from here the request is queued whether or not the client stays to hear of it (with the
        // request's abort token, a client that hung up now left a request Queued for ever and the unit gone).
        var status = await grains.GetGrain<IComputeRequestGrain>(request.RequestId).Create(request);
        await queue.RegisterJobAsync(new WorkJob(request.RequestId, request.TenantId, DefaultPriority, request.Kind), CancellationToken.None);
        await queue.EnqueueAsync(request.RequestId,
            [new WorkItemRequest(request.RequestId, request.Kind, WorkRoles.Gpu, request.RequestId)], CancellationToken.None);
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
