using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using SampleMind.Api.Auth;
using Microsoft.Extensions.Options;
using SampleMind.Api.Errors;
using SampleMind.Grains.Abstractions.Ingest;
using SampleMind.Grains.Abstractions.Libraries;
using SampleMind.Grains.Abstractions.Samples;
using SampleMind.Grains.Abstractions.Search;
using SampleMind.Grains.Abstractions.Tenants;
using SampleMind.Grains.Catalog;
using SampleMind.Grains.Ingest;
using SampleMind.Runtime;

namespace SampleMind.Api.Endpoints;

/// <summary>Library listings with filters and cursor paging; one sample's record, its audio and its removal.</summary>
internal static class LibrariesApi
{
    /// <summary>Samples removed per grain call when a library is deleted.</summary>
    private const int DeletionBatch = 1000;

    /// <summary>The tenant's latest jobs looked at for ingests into a library being deleted (a tenant keeps its latest 1,000).</summary>
    private const int TenantJobsLooked = 1000;

    /// <summary>The <c>Retry-After</c> of a deletion refused for a cancelled job's files in flight: each is one file's analysis.</summary>
    private const string SettlingRetryAfterSeconds = "1";

    public static RouteGroupBuilder MapLibrariesApi(this RouteGroupBuilder v1)
    {
        v1.MapGet("/libraries", ListLibraries).WithTags("Libraries")
            .WithSummary("The tenant's libraries that hold samples, by id, with their sample counts and audio seconds")
            .RequireScope(ApiScope.Read);
        v1.MapGet("/libraries/{libraryId}", DescribeLibrary).WithTags("Libraries")
            .WithSummary("What a library holds: samples, duplicates, audio seconds, tempo and loudness ranges, samples by type, key and defect")
            .RequireScope(ApiScope.Read);
        v1.MapDelete("/libraries/{libraryId}", DeleteLibrary).WithTags("Libraries")
            .WithSummary("Delete a library: every sample of it, and the files its uploads brought; 409 while an ingest into it runs, is paused or has files in flight")
            .RequireScope(ApiScope.Ingest).ProducesProblem(StatusCodes.Status409Conflict).TakesNoBody();
        v1.MapGet("/libraries/{libraryId}/samples", ListSamples).WithTags("Libraries")
            .WithSummary("List a library's samples: key, compatible (Camelot), bpmMin/bpmMax/halfDouble, type, duration, loudness, tag, defect; cursor paging")
            .RequireScope(ApiScope.Read);
        v1.MapGet("/samples/{sampleId}", GetSample).WithTags("Samples").WithSummary("A sample's full analysis").RequireScope(ApiScope.Read);
        v1.MapDelete("/samples/{sampleId}", DeleteSample).WithTags("Samples")
            .WithSummary("Remove a sample from its library (and its file, when it came in an upload); its copies link to the first of them")
            .RequireScope(ApiScope.Ingest).TakesNoBody();
        v1.MapMethods("/samples/{sampleId}/audio", [HttpMethods.Get, HttpMethods.Head], GetAudio).WithTags("Samples")
            .WithSummary("The sample's original audio file (HEAD for its headers; Range, If-Range and the other conditional headers)")
            .DescribesAudioFile("audio/*", "application/octet-stream").RequireScope(ApiScope.Read);
        return v1;
    }

    internal static async Task<Ok<ItemsResponse<LibrarySummary>>> ListLibraries(
        HttpContext context, ICatalogStore catalog, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ItemsResponse<LibrarySummary>(await catalog.ListLibrariesAsync(context.User.GetTenantId(), cancellationToken)));

    internal static async Task<Results<Ok<LibraryOverview>, ProblemHttpResult>> DescribeLibrary(
        [Description(ParameterDescriptions.LibraryId)] string libraryId, HttpContext context, ICatalogStore catalog, CancellationToken cancellationToken)
    {
        if (!Identifiers.IsValid(libraryId))
        {
            return Problems.BadRequest(Identifiers.NotALibraryId(libraryId));
        }

        return await catalog.DescribeLibraryAsync(context.User.GetTenantId(), libraryId, cancellationToken) is { } overview
            ? TypedResults.Ok(overview)
            : Problems.NotFound($"The library '{libraryId}' holds no samples.");
    }

    internal static async Task<Results<Ok<LibraryDeletion>, ProblemHttpResult>> DeleteLibrary(
        [Description(ParameterDescriptions.LibraryId)] string libraryId, HttpContext context, IGrainFactory grains, ICatalogStore catalog,
        IOptions<ApiOptions> api, CancellationToken cancellationToken)
    {
        if (!Identifiers.IsValid(libraryId))
        {
            return Problems.BadRequest(Identifiers.NotALibraryId(libraryId));
        }

        var tenantId = context.User.GetTenantId();
        var jobs = new List<JobStatus>();
        foreach (var jobId in await grains.GetGrain<ITenantGrain>(tenantId).ListJobs(TenantJobsLooked))
        {
            if (await grains.GetGrain<IIngestJobGrain>(jobId).GetStatus() is { } job && job.LibraryId == libraryId)
            {
                jobs.Add(job);
            }
        }

        if (jobs.FirstOrDefault(j => j.State is JobState.Running or JobState.Paused) is { } busy)
        {
            return Problems.Conflict($"Job '{busy.JobId}' is ingesting into library '{libraryId}' ({busy.State}); cancel it, or wait for it to end, first.");
        }

        // A cancelled job's files in flight are still recorded into the library; deleted now, those would come back after
        // it. The queue's leased count, which every silo's workers share, falls to 0 only once none of them can.
        if (jobs.FirstOrDefault(j => j.InFlight > 0) is { } settling)
        {
            context.Response.Headers.RetryAfter = SettlingRetryAfterSeconds;
            return Problems.Conflict($"Job '{settling.JobId}' has ended ({settling.State}) but still has {settling.InFlight} file(s) in flight into " +
                $"library '{libraryId}', which would be catalogued after the deletion; retry after the time in Retry-After, once they are recorded.");
        }

        var uploads = Path.Combine(api.Value.UploadDirectory, tenantId);
        if (await catalog.CountAsync(tenantId, libraryId, cancellationToken) == 0)
        {
            // Its samples deleted one by one, a library may still hold uploaded files no sample names any more (an older
            // copy of a file uploaded again): those go, else there is nothing to delete.
            return await DeleteUploadsAsync(uploads, tenantId, libraryId, grains) > 0
                ? TypedResults.Ok(new LibraryDeletion(libraryId, 0))
                : Problems.NotFound($"The library '{libraryId}' holds no samples.");
        }

        // In batches, each a grain call of its own: a library of a million samples is many, none of them long.
        var library = grains.GetGrain<ILibraryGrain>($"{tenantId}/{libraryId}");
        long removed = 0;
        for (int batch; (batch = await library.RemoveSamples(DeletionBatch)) > 0;)
        {
            removed += batch;
            cancellationToken.ThrowIfCancellationRequested();
        }

        await DeleteUploadsAsync(uploads, tenantId, libraryId, grains);
        return TypedResults.Ok(new LibraryDeletion(libraryId, removed));
    }

    /// <summary>
    /// Deletes the files uploaded by the library's jobs: every job folder (and manifest) under the tenant's upload folder
    /// whose job ingested into the library, however old the job (the tenant lists only its latest 1,000 jobs); how many.
    /// </summary>
    private static async Task<int> DeleteUploadsAsync(string uploads, string tenantId, string libraryId, IGrainFactory grains)
    {
        if (!Directory.Exists(uploads))
        {
            return 0;
        }

        // A job's uploads are the folder named after it, and for older manifest jobs "<job>.manifest" beside it.
        var jobIds = Directory.EnumerateFileSystemEntries(uploads)
            .Select(path => Path.GetFileName(path) is var name && name.EndsWith(".manifest", StringComparison.Ordinal) ? Path.GetFileNameWithoutExtension(name) : name)
            .Where(Identifiers.IsValid)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var deleted = 0;
        foreach (var jobId in jobIds)
        {
            if (await grains.GetGrain<IIngestJobGrain>(jobId).GetSpec() is { } spec && spec.TenantId == tenantId && spec.LibraryId == libraryId)
            {
                UploadedFiles.DeleteJob(uploads, jobId);
                deleted++;
            }
        }

        return deleted;
    }

    internal static async Task<Results<Ok<SamplePage>, ValidationProblem, ProblemHttpResult>> ListSamples(
        [Description(ParameterDescriptions.LibraryId)] string libraryId, HttpContext context, ICatalogStore catalog, CancellationToken cancellationToken,
        [Description(ParameterDescriptions.Key)] string? key = null,
        [Description(ParameterDescriptions.Compatible)] string? compatible = null,
        [Description(ParameterDescriptions.BpmMin), Range(0, double.MaxValue)] double? bpmMin = null,
        [Description(ParameterDescriptions.BpmMax), Range(0, double.MaxValue)] double? bpmMax = null,
        [Description(ParameterDescriptions.HalfDouble)] bool halfDouble = false,
        [Description(ParameterDescriptions.ListingType)] string? type = null,
        [Description(ParameterDescriptions.DurationMin), Range(0, double.MaxValue)] double? durationMin = null,
        [Description(ParameterDescriptions.DurationMax), Range(0, double.MaxValue)] double? durationMax = null,
        [Description(ParameterDescriptions.LoudnessMin)] double? loudnessMin = null,
        [Description(ParameterDescriptions.LoudnessMax)] double? loudnessMax = null,
        [Description(ParameterDescriptions.Tag)] string[]? tag = null,
        [Description(ParameterDescriptions.Defect)] string[]? defect = null,
        [Description(ParameterDescriptions.Cursor)] string? cursor = null,
        [Description(ParameterDescriptions.PageLimit), Range(1, ListLimit.Max)] int limit = ListLimit.Default)
    {
        if (!Identifiers.IsValid(libraryId))
        {
            return Problems.BadRequest(Identifiers.NotALibraryId(libraryId));
        }

        if (limit is < 1 or > ListLimit.Max)
        {
            return Problems.BadRequest($"The limit is 1 to {ListLimit.Max}.");
        }

        if (cursor is not null && !Identifiers.IsSampleId(cursor))
        {
            // The cursor is the last sample id of a page; anything else would list from the start again (a client
            // that sends an empty cursor after the last page would page forever).
            return Problems.BadRequest($"The cursor '{cursor}' is not one a listing gave: pass nextCursor as it came, and stop when it is null.");
        }

        // A filter that cannot be run is a validation problem naming its field, as a search and similar samples answer it.
        type = ListingFilters.TypeName(type);
        if (ListingFilters.Check(type, tag, defect, "", "tag", ("bpm", bpmMin, bpmMax, false), ("duration", durationMin, durationMax, false),
                ("loudness", loudnessMin, loudnessMax, true)) is { } invalid)
        {
            return Problems.Invalid(invalid.Field, invalid.Message);
        }

        if (!ListingFilters.TryCamelotCodes(key, compatible, out var camelot, out var keyProblem))
        {
            return Problems.Invalid(keyProblem.Value.Field, keyProblem.Value.Message);
        }

        var tenantId = context.User.GetTenantId();
        // With the key not among the keys compatible with the other, nothing can match both.
        var page = camelot is { Count: 0 }
            ? new SamplePage([], null)
            : await catalog.QueryAsync(tenantId, libraryId, new SampleQuery(compatible, bpmMin, bpmMax, halfDouble, type,
                durationMin, durationMax, loudnessMin, loudnessMax, tag, defect, cursor, limit), camelot, cancellationToken);
        return page.Items.Count > 0 || await HoldsSamplesAsync(catalog, tenantId, libraryId, cancellationToken)
            ? TypedResults.Ok(page)
            : Problems.NotFound($"The library '{libraryId}' holds no samples.");
    }

    /// <summary>Whether the library holds a sample: the first row of an unfiltered page, asked only when a page came back empty.</summary>
    private static async Task<bool> HoldsSamplesAsync(ICatalogStore catalog, string tenantId, string libraryId, CancellationToken cancellationToken) =>
        (await catalog.QueryAsync(tenantId, libraryId, new SampleQuery(Limit: 1), null, cancellationToken)).Items.Count > 0;

    internal static async Task<Results<Ok<SampleResponse>, ProblemHttpResult>> GetSample(
        [Description(ParameterDescriptions.SampleId)] string sampleId, HttpContext context, IGrainFactory grains, IOptions<ApiOptions> api)
    {
        var record = await FindAsync(sampleId, context, grains);
        return record is null
            ? Problems.NotFound($"There is no sample '{Identifiers.Shown(sampleId)}'.")
            : TypedResults.Ok(SampleResponse.From(record, api.Value.UploadDirectory));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteSample(
        [Description(ParameterDescriptions.SampleId)] string sampleId, HttpContext context, IGrainFactory grains, IOptions<ApiOptions> api)
    {
        if (await FindAsync(sampleId, context, grains) is not { } record)
        {
            return Problems.NotFound($"There is no sample '{Identifiers.Shown(sampleId)}'.");
        }

        // The file first: should the removal fail half-way, the retry that finishes it finds no file to leave behind.
        UploadedFiles.Delete(record.SourcePath, Path.Combine(api.Value.UploadDirectory, record.TenantId));
        return await grains.GetGrain<ILibraryGrain>($"{record.TenantId}/{record.LibraryId}").RemoveSample(sampleId)
            ? TypedResults.NoContent()
            : Problems.NotFound($"There is no sample '{Identifiers.Shown(sampleId)}'.");
    }

    internal static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> GetAudio(
        [Description(ParameterDescriptions.SampleId)] string sampleId, HttpContext context, IGrainFactory grains)
    {
        var record = await FindAsync(sampleId, context, grains);
        if (record is null || RootOf(record) is not { } root)
        {
            return Problems.NotFound($"There is no audio for sample '{Identifiers.Shown(sampleId)}'.");
        }

        if (RegularFile.OpenBelow(root, record.SourcePath, out var refusal) is not { } file)
        {
            return Problems.NotFound(refusal is null
                ? $"There is no audio for sample '{sampleId}'."
                : $"There is no audio for sample '{sampleId}': {refusal}.");
        }

        return AudioFileConditions.Serve(context, file, AudioContentType(record.Analysis.Format.Container, record.SourcePath));
    }

    /// <summary>
    /// The folder the sample was ingested from (its source path less its relative path, one folder per part of it): no
    /// symbolic link below it is followed, as the ingest followed none. Null when the source path is too short for it.
    /// </summary>
    private static string? RootOf(SampleRecord record)
    {
        var root = record.SourcePath;
        foreach (var part in record.RelativePath.Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar]))
        {
            if (part is not ("" or ".") && (root = Path.GetDirectoryName(root)) is null)
            {
                return null;
            }
        }

        return root;
    }

    private static async Task<SampleRecord?> FindAsync(string sampleId, HttpContext context, IGrainFactory grains)
    {
        if (!Identifiers.IsValid(sampleId))
        {
            return null;
        }

        var record = await grains.GetGrain<ISampleGrain>(sampleId).Get();
        return record is not null && record.TenantId == context.User.GetTenantId() ? record : null;
    }

    /// <summary>
    /// The media type of what the file holds, as decoding found it (an MP3 named .wav is audio/mpeg), else by its
    /// extension (a container the decoders name otherwise, such as ffprobe's "mov,mp4,m4a,...").
    /// </summary>
    internal static string AudioContentType(string container, string path) => container switch
    {
        "wav" or "rf64" => "audio/wav",
        "w64" => "audio/x-w64",
        "aiff" => "audio/aiff",
        "au" => "audio/basic",
        "flac" => "audio/flac",
        "ogg" => "audio/ogg",
        "mp3" => "audio/mpeg",
        "caf" => "audio/x-caf",
        "aac" => "audio/aac",
        _ when container.Contains("mp4", StringComparison.Ordinal) => "audio/mp4",
        _ => AudioContentType(path),
    };

    private static string AudioContentType(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".opus" => "audio/ogg",
        ".caf" => "audio/x-caf",
        ".w64" => "audio/x-w64",
        ".wav" or ".wave" => "audio/wav",
        ".flac" => "audio/flac",
        ".ogg" or ".oga" => "audio/ogg",
        ".mp3" => "audio/mpeg",
        ".aif" or ".aiff" or ".aifc" => "audio/aiff",
        ".m4a" => "audio/mp4",
        ".aac" => "audio/aac",
        _ => "application/octet-stream",
    };
}
