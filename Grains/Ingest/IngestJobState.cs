using SampleMind.Grains.Abstractions.Ingest;

namespace SampleMind.Grains.Ingest;

/// <summary>A job's persisted state: its spec, where listing stopped, and its lifecycle.</summary>
public sealed class IngestJobState
{
    public IngestJobSpec? Spec { get; set; }

    public JobState State { get; set; }

    /// <summary>Directory jobs: the last relative path listed. Manifest jobs: unused.</summary>
    public string? Cursor { get; set; }

    /// <summary>Manifest jobs: the byte offset in the manifest file where listing continues.</summary>
    public long ManifestOffset { get; set; }

    public bool ListingComplete { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>
    /// Webhook events raised so far; the latest one's id is <c>{jobId}.{n}</c>, written with the state
    /// change it reports, so queuing it again after a crash is recognised as the same event.
    /// </summary>
    public int WebhookEvents { get; set; }
}
