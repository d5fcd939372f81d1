using SampleMind.Audio;
using SampleMind.Grains.Abstractions.Samples;
using SampleMind.Grains.Ingest;

namespace SampleMind.Api.Endpoints;

/// <summary>
/// A sample as <c>GET /v1/samples/{id}</c> shows it: its stored record, where <see cref="SourcePath"/> is the file's path
/// on the server only for a file of a server-side folder (a path the tenant named); an uploaded file's place in the
/// server's upload folder is the server's business, so it is null there and <see cref="Uploaded"/> says why.
/// </summary>
public sealed record SampleResponse(
    string SampleId,
    string TenantId,
    string LibraryId,
    string RelativePath,
    string? SourcePath,
    bool Uploaded,
    string ContentSha256,
    long SizeBytes,
    string? DuplicateOf,
    IReadOnlyList<string> Labels,
    string IngestJobId,
    DateTimeOffset AnalyzedAt,
    SampleAnalysis Analysis)
{
    /// <summary>The answer for <paramref name="record"/>; <paramref name="uploadDirectory"/> is the server's upload folder (every tenant's).</summary>
    internal static SampleResponse From(SampleRecord record, string uploadDirectory)
    {
        var uploaded = UploadedFiles.IsUploaded(record.SourcePath, Path.Combine(uploadDirectory, record.TenantId));
        return new SampleResponse(
            record.SampleId, record.TenantId, record.LibraryId, record.RelativePath, uploaded ? null : record.SourcePath, uploaded,
            record.ContentSha256, record.SizeBytes, record.DuplicateOf, record.Labels, record.IngestJobId, record.AnalyzedAt,
            record.Analysis);
    }
}
