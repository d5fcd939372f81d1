namespace SampleMind.Grains.Abstractions.Ingest;

/// <summary>Where an ingest job's files come from.</summary>
public enum IngestSourceKind
{
    /// <summary>A server-side directory inside the tenant's ingest root.</summary>
    Directory,

    /// <summary>A manifest (one relative path per line) of files already uploaded.</summary>
    Manifest,

    /// <summary>Files streamed in the request (multipart, zip or tar), stored before analysis.</summary>
    Upload,
}
