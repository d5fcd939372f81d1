using SampleMind.Grains.Abstractions.Ingest;

namespace SampleMind.Grains.Abstractions.Webhooks;

/// <summary>A job as a webhook event reports it: who, where, its state and its counts at that moment.</summary>
public sealed record WebhookJobData(
    string JobId,
    string TenantId,
    string LibraryId,
    JobState State,
    long Listed,
    long Succeeded,
    long Duplicates,
    long Failed,
    double AudioSeconds,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt);
