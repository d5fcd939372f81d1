using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using SampleMind.Api.Errors;
using SampleMind.Api.Idempotency;
using SampleMind.Grains.Abstractions.Ingest;
using SampleMind.Grains.Abstractions.Tenants;
using SampleMind.Grains.Ingest;
using SampleMind.Runtime;

namespace SampleMind.Api.Endpoints;

/// <summary>
/// An ingest sent with an <c>Idempotency-Key</c> (a JSON or text manifest body): its job id is derived from the key, and
/// its body is hashed as the handler reads it, so that the job keeps the request's fingerprint (library, content type,
/// query string, which holds a text manifest's root and options, and the SHA-256 of the exact body) and the key sent
/// again is answered from the job: its status, or a 422 for another request.
/// </summary>
internal sealed class KeyedIngest
{
    public const string UploadRefusal = $"An {IdempotencyKey.HeaderName} applies to JSON and text manifest ingests, not to uploads: " +
        "an upload sent again sends its files again, and the files already in the library are linked as duplicates, not analysed again.";

    private readonly HttpContext _context;
    private readonly string _tenantId;
    private readonly string _libraryId;
    private readonly HashingReadStream _body;
    private string? _fingerprint;

    public KeyedIngest(HttpContext context, string tenantId, string libraryId, string key)
    {
        _context = context;
        _tenantId = tenantId;
        _libraryId = libraryId;
        JobId = "job-" + IdempotencyKey.DeriveId(tenantId, IdempotencyKey.IngestKind, key)[..16];
        _body = new HashingReadStream(context.Request.Body);
        context.Request.Body = _body;
    }

    public string JobId { get; }

    /// <summary>
    /// Answers the key sent again, once the job exists: 202 with the job's status, marked replayed, when the job was
    /// started by the same request (the body is read to its end to know), else 422.
    /// </summary>
    public async Task<Results<Accepted<JobStatus>, ProblemHttpResult, ValidationProblem>> AnswerAsync(
        IngestJobSpec known, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (known.TenantId != _tenantId || known.RequestFingerprint != await FingerprintAsync(cancellationToken))
        {
            return IdempotencyKey.Reused($"it first started job '{JobId}' in library '{known.LibraryId}'; this request's library, content type, query or body differ");
        }

        if (await grains.GetGrain<IIngestJobGrain>(JobId).GetStatus() is not { } status)
        {
            return Problems.NotFound($"There is no job '{JobId}' any more.");
        }

        // A first request cut off between the start and this record gets its job listed by the retry.
        await grains.GetGrain<ITenantGrain>(_tenantId).RecordJob(JobId);
        IdempotencyKey.MarkReplayed(_context.Response);
        return TypedResults.Accepted($"/v1/jobs/{JobId}", status);
    }

    /// <summary>
    /// Starts the job with the request's fingerprint. The job grain starts the first spec it is given and keeps it, so of
    /// two requests with this key at once, the second is answered as the key sent again, and its manifest, which the job
    /// does not read, is deleted.
    /// </summary>
    public async Task<Results<Accepted<JobStatus>, ProblemHttpResult, ValidationProblem>> StartAsync(
        IngestJobSpec spec, IGrainFactory grains, string tenantUploads, CancellationToken cancellationToken)
    {
        spec = spec with { RequestFingerprint = await FingerprintAsync(cancellationToken) };
        var job = grains.GetGrain<IIngestJobGrain>(JobId);
        var status = await job.Start(spec);
        if (await job.GetSpec() is { } started && (started.CreatedAt != spec.CreatedAt || started.ManifestPath != spec.ManifestPath))
        {
            if (spec.ManifestPath is { } manifest)
            {
                UploadedFiles.Delete(manifest, tenantUploads);
            }

            return await AnswerAsync(started, grains, cancellationToken);
        }

        await grains.GetGrain<ITenantGrain>(_tenantId).RecordJob(JobId);
        return TypedResults.Accepted($"/v1/jobs/{JobId}", status);
    }

    private async Task<string> FingerprintAsync(CancellationToken cancellationToken)
    {
        if (_fingerprint is null)
        {
            var body = Convert.ToHexStringLower(await _body.FinishAsync(cancellationToken));
            var request = $"{_libraryId}\n{_context.Request.ContentType}\n{_context.Request.QueryString}\n{body}";
            _fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(request)));
        }

        return _fingerprint;
    }
}
