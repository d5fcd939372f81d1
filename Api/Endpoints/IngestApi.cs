using System.ComponentModel;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SampleMind.Api.Auth;
using SampleMind.Api.Errors;
using SampleMind.Api.Idempotency;
using SampleMind.Api.Uploads;
using SampleMind.Grains.Abstractions.Ingest;
using SampleMind.Grains.Abstractions.Tenants;
using SampleMind.Grains.Ingest;
using SampleMind.Grains.Webhooks;
using SampleMind.Runtime;

namespace SampleMind.Api.Endpoints;

/// <summary>
/// <c>POST /v1/libraries/{libraryId}/ingests</c>: starts an ingest job from a server-side directory,
/// a manifest of files, or a streamed upload (multipart, zip, tar, tar.gz).
/// </summary>
internal static class IngestApi
{
    /// <summary>
    /// The media types of the body: a JSON source, a text manifest, and the uploads. Routing answers any other with a 415,
    /// and the OpenAPI operation declares each (<see cref="IngestOpenApi"/>).
    /// </summary>
    internal static readonly string[] BodyTypes =
        ["application/json", "text/plain", "multipart/form-data", "application/zip", "application/x-tar", "application/gzip"];

    public static RouteGroupBuilder MapIngestApi(this RouteGroupBuilder v1)
    {
        v1.MapPost("/libraries/{libraryId}/ingests", StartIngest)
            .WithTags("Ingest")
            .WithSummary("Start an ingest job (JSON source, or an upload body with options in the query)")
            .Accepts<IngestRequest>(BodyTypes[0], BodyTypes[1..])
            .DisableAntiforgery()
            .AcceptsQuery(IngestQuery.Options)
            .DescribesIngestForms()
            .AcceptsIdempotencyKey()
            .RequireScope(ApiScope.Ingest);
        return v1;
    }

    internal static async Task<Results<Accepted<JobStatus>, ProblemHttpResult, ValidationProblem>> StartIngest(
        [Description(ParameterDescriptions.LibraryId)] string libraryId, HttpContext context, IGrainFactory grains, IngestRoots roots,
        IOptions<IngestOptions> ingestOptions, IOptions<ApiOptions> apiOptions, IOptions<WebhookOptions> webhookOptions, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var webhooks = webhookOptions.Value;
        if (!Identifiers.IsValid(libraryId))
        {
            return Problems.BadRequest(Identifiers.NotALibraryId(libraryId));
        }

        if (IdempotencyKey.TryRead(context.Request, out var key) is { } malformed)
        {
            return malformed;
        }

        var tenantId = context.User.GetTenantId();
        var isJson = context.Request.HasJsonContentType();
        var isText = !isJson && context.Request.ContentType?.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase) == true;
        if (key is not null && !isJson && !isText)
        {
            return Problems.BadRequest(KeyedIngest.UploadRefusal);
        }

        if (isText && key is not null)
        {
            // Under the key's hashing, so that reading the manifest to hash it is bounded as reading it to ingest it is.
            RequestLimits.AllowBody(context, ingestOptions.Value.MaxUploadBytes);
        }

        var keyed = key is null ? null : new KeyedIngest(context, tenantId, libraryId, key);

        var jobId = keyed?.JobId ?? "job-" + Guid.NewGuid().ToString("N")[..16];
        if (keyed is not null && await grains.GetGrain<IIngestJobGrain>(jobId).GetSpec() is { } known)
        {
            return await keyed.AnswerAsync(known, grains, cancellationToken);
        }

        var draft = isJson
            ? await FromJsonAsync(context, tenantId, roots, ingestOptions.Value, webhooks, cancellationToken)
            : isText
                ? await FromManifestBodyAsync(context, tenantId, roots, ingestOptions.Value, webhooks, cancellationToken)
                : await FromUploadAsync(context, tenantId, jobId, ingestOptions.Value, apiOptions.Value, webhooks, cancellationToken);
        if (draft.ManifestLines is { } lines && draft.Problem is null && draft.Errors.Count == 0)
        {
            try
            {
                var path = ManifestFile.PathFor(apiOptions.Value.UploadDirectory, tenantId, jobId, keyed is not null);
                draft = draft with { ManifestPath = await ManifestFile.WriteAsync(path, lines, cancellationToken) };
            }
            catch (UploadRejectedException e)
            {
                return e.TooLarge ? Problems.TooLarge(e.Message) : Problems.BadRequest(e.Message);
            }
        }
        if (draft.Problem is { } problem)
        {
            return problem;
        }

        if (draft.Errors is { Count: > 0 } errors)
        {
            return Problems.Invalid(errors);
        }

        var spec = draft.ToSpec(jobId, tenantId, libraryId, time.GetUtcNow());
        if (keyed is not null)
        {
            // The same key sent at the same time: the job grain starts the first spec it is given and keeps it.
            return await keyed.StartAsync(spec, grains, Path.Combine(apiOptions.Value.UploadDirectory, tenantId), cancellationToken);
        }

        var status = await grains.GetGrain<IIngestJobGrain>(jobId).Start(spec);
        await grains.GetGrain<ITenantGrain>(tenantId).RecordJob(jobId);
        return TypedResults.Accepted($"/v1/jobs/{jobId}", status);
    }

    private static async Task<IngestDraft> FromJsonAsync(
        HttpContext context, string tenantId, IngestRoots roots, IngestOptions options, WebhookOptions webhooks, CancellationToken cancellationToken)
    {
        if (context.Request.Query.Keys.FirstOrDefault() is { } queryOption)
        {
            return new IngestDraft(null, null, null, null)
            {
                Problem = Problems.BadRequest($"A JSON ingest takes its options in the body (level, priority, webhookUrl, labels); " +
                    $"the query parameter '{queryOption}' is for uploads and text manifests."),
            };
        }

        var request = await context.Request.ReadFromJsonAsync(ApiJsonContext.Default.IngestRequest, cancellationToken);
        if (request?.Source is not { } source)
        {
            return IngestDraft.Invalid("source", "A source is required: {\"kind\":\"directory\",\"path\":...} or {\"kind\":\"manifest\",...}.");
        }

        var errors = IngestValidation.Validate(request.Level, request.Priority, request.WebhookUrl, request.Labels, webhooks);
        var draft = new IngestDraft(request.Level, request.Priority, request.WebhookUrl, request.Labels) { Errors = errors };
        switch (source.Kind)
        {
            case "directory":
                if (source.Root is not null || source.Files is not null)
                {
                    return IngestDraft.Invalid(source.Root is not null ? "source.root" : "source.files",
                        "A directory source takes 'path' only; 'root' and 'files' belong to a manifest source.");
                }

                if (string.IsNullOrEmpty(source.Path))
                {
                    return IngestDraft.Invalid("source.path", "A directory source needs 'path': a folder inside this tenant's ingest roots.");
                }

                if (Relative("source.path", source.Path) is { } relativePath)
                {
                    return relativePath;
                }

                if (!roots.TryResolve(tenantId, source.Path ?? "", out var directory) || !Directory.Exists(directory))
                {
                    return draft with { Problem = Forbidden($"The path '{source.Path}' is not an existing directory inside this tenant's ingest roots.") };
                }

                // The job's own lister, asked for one file, so it skips what the job would skip: it reads the folders on
                // the way to the first sample file (each whole, to list it in order), and the whole tree only when none has one.
                // Not read for a request refused anyway. A subfolder it cannot read counts as empty here (the job sets it
                // aside as a failed item); the folder itself unreadable is the request's problem, not a 500.
                if (draft.Errors.Count == 0)
                {
                    List<string> first;
                    try
                    {
                        first = SourceLister.NextFromDirectory(directory, null, 1, options);
                    }
                    catch (Exception e) when (e is UnauthorizedAccessException or IOException)
                    {
                        return IngestDraft.Invalid("source.path", $"The {SourceLister.UnreadableReason(source.Path ?? "", e)}.");
                    }

                    if (first.Count == 0)
                    {
                        return IngestDraft.Invalid("source.path",
                            $"The folder '{source.Path}' holds no sample files, in it or below it: none has a sample extension ({string.Join(' ', options.Extensions)}).");
                    }
                }

                return draft with { Kind = IngestSourceKind.Directory, Root = directory };
            case "manifest":
                if (source.Path is not null)
                {
                    return IngestDraft.Invalid("source.path", "A manifest source takes 'root' and 'files'; 'path' belongs to a directory source.");
                }

                if (string.IsNullOrEmpty(source.Root))
                {
                    return IngestDraft.Invalid("source.root", "A manifest source needs 'root': the folder inside this tenant's ingest roots its files are relative to.");
                }

                if (Relative("source.root", source.Root) is { } relativeRoot)
                {
                    return relativeRoot;
                }

                if (!roots.TryResolve(tenantId, source.Root ?? "", out var root) || !Directory.Exists(root))
                {
                    return draft with { Problem = Forbidden($"The root '{source.Root}' is not an existing directory inside this tenant's ingest roots.") };
                }

                if (source.Files is not { Count: > 0 } files)
                {
                    return IngestDraft.Invalid("source.files", "A manifest lists 1 or more relative paths inside its root.");
                }

                for (var i = 0; i < files.Count; i++)
                {
                    if (ArchiveEntryPath.Normalize(files[i], out _) is { } wrong)
                    {
                        return IngestDraft.Invalid("source.files",
                            $"Entry {i + 1} of the manifest, '{ArchiveEntryPath.Shown(files[i] ?? "")}', {wrong}: a manifest lists relative paths inside its root.");
                    }
                }

                if (files.Count > options.MaxFilesPerJob)
                {
                    return draft with
                    {
                        Problem = Problems.TooLarge($"The manifest lists {files.Count} files; a job takes at most {options.MaxFilesPerJob} (Ingest:MaxFilesPerJob)."),
                    };
                }

                if (files.FirstOrDefault(f => f.AsSpan().IndexOfAny('\n', '\r') >= 0) is { } broken)
                {
                    // The job keeps its manifest one path per line: the path would become two, neither the file.
                    return IngestDraft.Invalid("source.files",
                        $"The path '{broken.ReplaceLineEndings(" ")}' holds a line break, which a manifest cannot carry; ingest that file's folder or upload it.");
                }

                return draft with { Kind = IngestSourceKind.Manifest, Root = root, ManifestLines = ToAsync(files) };
            default:
                return IngestDraft.Invalid("source.kind", "The source kind is 'directory' or 'manifest' (uploads send the files as the body).");
        }
    }

    private static async Task<IngestDraft> FromUploadAsync(
        HttpContext context, string tenantId, string jobId, IngestOptions options, ApiOptions apiOptions, WebhookOptions webhooks,
        CancellationToken cancellationToken)
    {
        if (context.Request.Query.ContainsKey(IngestQuery.Root))
        {
            return new IngestDraft(null, null, null, null)
            {
                Problem = Problems.BadRequest("The query parameter 'root' is for text manifests (text/plain); an upload's files come in its body."),
            };
        }

        var draft = OptionsFromQuery(context.Request.Query, webhooks);
        if (draft.Errors.Count > 0)
        {
            return draft;
        }

        var destination = Path.Combine(apiOptions.UploadDirectory, tenantId, jobId);
        RequestLimits.AllowBody(context, options.MaxUploadBytes);
        try
        {
            var count = await new UploadReceiver(options).ReceiveAsync(context.Request, destination, cancellationToken);
            if (count == 0)
            {
                Directory.Delete(destination, recursive: true);
                return IngestDraft.Invalid("body", $"The upload holds no sample files: none has a sample extension ({string.Join(' ', options.Extensions)}).");
            }

            return draft with { Kind = IngestSourceKind.Upload, Root = Path.GetFullPath(destination) };
        }
        catch (UploadRejectedException e)
        {
            return draft with
            {
                Problem = e.TooLarge ? Problems.TooLarge(e.Message)
                    : e.UnsupportedType ? Problems.UnsupportedMediaType(e.Message)
                    : Problems.BadRequest(e.Message),
            };
        }
    }

    /// <summary>A large manifest: <c>text/plain</c>, one relative path per line, options and <c>root</c> in the query.</summary>
    private static Task<IngestDraft> FromManifestBodyAsync(
        HttpContext context, string tenantId, IngestRoots roots, IngestOptions options, WebhookOptions webhooks, CancellationToken cancellationToken)
    {
        var query = context.Request.Query;
        var draft = OptionsFromQuery(query, webhooks);
        if (query[IngestQuery.Root].Count > 1)
        {
            return Task.FromResult(IngestDraft.Invalid(IngestQuery.Root, "Give 'root' once."));
        }

        if (string.IsNullOrEmpty(query[IngestQuery.Root]))
        {
            return Task.FromResult(IngestDraft.Invalid(IngestQuery.Root,
                "A text manifest needs the query parameter 'root': the folder inside this tenant's ingest roots its lines are relative to."));
        }

        if (Relative(IngestQuery.Root, query[IngestQuery.Root].ToString()) is { } relative)
        {
            return Task.FromResult(relative);
        }

        if (!roots.TryResolve(tenantId, query[IngestQuery.Root].ToString(), out var root) || !Directory.Exists(root))
        {
            return Task.FromResult(draft with { Problem = Forbidden($"The root '{query[IngestQuery.Root]}' is not an existing directory inside this tenant's ingest roots.") });
        }

        RequestLimits.AllowBody(context, options.MaxUploadBytes);
        return Task.FromResult(draft with
        {
            Kind = IngestSourceKind.Manifest,
            Root = root,
            ManifestLines = ManifestFile.ReadLinesAsync(context.Request.Body, options.MaxFilesPerJob, cancellationToken),
        });
    }

    /// <summary>
    /// The options of an upload or a text manifest, which come in the query; a priority that is not a number, and an
    /// option other than <c>label</c> given more than once, are errors.
    /// </summary>
    private static IngestDraft OptionsFromQuery(IQueryCollection query, WebhookOptions webhooks)
    {
        var priorityText = query[IngestQuery.Priority].ToString();
        int? priority = int.TryParse(priorityText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) ? p : null;
        var labels = query[IngestQuery.Label].Where(l => l is not null).Select(l => l!).ToList();
        var errors = IngestValidation.Validate(query[IngestQuery.Level], priority, query[IngestQuery.WebhookUrl], labels, webhooks);
        if (priority is null && query.ContainsKey(IngestQuery.Priority))
        {
            errors[IngestQuery.Priority] =
                [$"The priority is a whole number, {IngestValidation.MinPriority} (lowest) to {IngestValidation.MaxPriority} (highest)."];
        }

        // A repeated option would be read as its values joined by commas (a webhook URL "…/a,http://…/b").
        foreach (var name in IngestQuery.SingleOptions.Where(name => query[name].Count > 1))
        {
            errors[name] = [$"Give '{name}' once."];
        }

        return new IngestDraft(query[IngestQuery.Level], priority, query[IngestQuery.WebhookUrl], labels) { Errors = errors };
    }

    /// <summary>
    /// A validation error naming <paramref name="field"/> when <paramref name="path"/> is not absolute: the server would
    /// resolve it against its own working directory, which a client neither knows nor means.
    /// </summary>
    private static IngestDraft? Relative(string field, string path) => Path.IsPathFullyQualified(path)
        ? null
        : IngestDraft.Invalid(field, $"The path '{path}' is relative; give an absolute path on the server, inside this tenant's ingest roots.");

    private static async IAsyncEnumerable<string> ToAsync(IReadOnlyList<string> files)
    {
        foreach (var file in files)
        {
            yield return file;
        }

        await Task.CompletedTask;
    }

    private static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", type: ProblemTypes.Forbidden);
}
