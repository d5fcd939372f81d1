using Microsoft.Extensions.Logging;

namespace SampleMind.Scheduling.Diagnostics;

/// <summary>Log messages of the work queue and worker loop; event ids in the 5000s.</summary>
internal static partial class SchedulingLog
{
    public const int SchemaReadyId = 5000;
    public const int JobRegisteredId = 5001;
    public const int JobStatusChangedId = 5002;
    public const int ItemsEnqueuedId = 5003;
    public const int LeasesReclaimedId = 5010;
    public const int ItemSetAsideId = 5011;
    public const int ItemRetryingId = 5012;
    public const int LeasesReleasedId = 5013;
    public const int DuplicateCompletionId = 5014;
    public const int PredecessorLeasesReclaimedId = 5015;
    public const int ItemRejectedId = 5016;
    public const int ProcessorStartedId = 5020;
    public const int ProcessorStoppedId = 5021;
    public const int HandlerFailedId = 5022;
    public const int LeaseLostId = 5023;
    public const int ClaimFailedId = 5024;
    public const int NoHandlerId = 5025;
    public const int ArrivalsListenFailedId = 5026;
    public const int ArrivalsListenerAbandonedId = 5027;

    [LoggerMessage(SchemaReadyId, LogLevel.Information, "Work queue schema ready ({Provider}, max attempts {MaxAttempts}, retry backoff {RetryBackoff})")]
    public static partial void SchemaReady(ILogger logger, string provider, int maxAttempts, TimeSpan retryBackoff);

    [LoggerMessage(JobRegisteredId, LogLevel.Information, "Work job {JobId} registered for tenant {TenantId} at priority {Priority}")]
    public static partial void JobRegistered(ILogger logger, string jobId, string tenantId, int priority);

    [LoggerMessage(JobStatusChangedId, LogLevel.Information, "Work job {JobId} is now {Status}")]
    public static partial void JobStatusChanged(ILogger logger, string jobId, WorkJobStatus status);

    [LoggerMessage(ItemsEnqueuedId, LogLevel.Debug, "Work job {JobId}: {New} of {Requested} items were new")]
    public static partial void ItemsEnqueued(ILogger logger, string jobId, int @new, int requested);

    [LoggerMessage(LeasesReclaimedId, LogLevel.Warning, "Reclaimed {Count} expired leases ({SetAside} set aside on their last attempt)")]
    public static partial void LeasesReclaimed(ILogger logger, int count, int setAside);

    [LoggerMessage(ItemSetAsideId, LogLevel.Warning, "Work item {ItemId} set aside after attempt {Attempt}: {Error}")]
    public static partial void ItemSetAside(ILogger logger, long itemId, int attempt, string error);

    [LoggerMessage(ItemRejectedId, LogLevel.Debug, "Work item {ItemId} set aside on attempt {Attempt}, rejected by its handler: {Error}")]
    public static partial void ItemRejected(ILogger logger, long itemId, int attempt, string error);

    [LoggerMessage(ItemRetryingId, LogLevel.Information, "Work item {ItemId} failed on attempt {Attempt}, retrying after {Backoff}: {Error}")]
    public static partial void ItemRetrying(ILogger logger, long itemId, int attempt, TimeSpan backoff, string error);

    [LoggerMessage(LeasesReleasedId, LogLevel.Information, "Worker {WorkerId} released {Count} leases")]
    public static partial void LeasesReleased(ILogger logger, string workerId, int count);

    [LoggerMessage(PredecessorLeasesReclaimedId, LogLevel.Warning,
        "Worker {WorkerId} took back {Count} leases its predecessor held when it stopped ({SetAside} set aside on their last attempt)")]
    public static partial void PredecessorLeasesReclaimed(ILogger logger, string workerId, int count, int setAside);

    [LoggerMessage(DuplicateCompletionId, LogLevel.Debug, "Completion of work item {ItemId} with lease {LeaseToken} ignored: already finished")]
    public static partial void DuplicateCompletion(ILogger logger, long itemId, long leaseToken);

    [LoggerMessage(ProcessorStartedId, LogLevel.Information, "Worker {WorkerId} processing roles {Roles} with concurrency {Concurrency}")]
    public static partial void ProcessorStarted(ILogger logger, string workerId, string roles, int concurrency);

    [LoggerMessage(ProcessorStoppedId, LogLevel.Information, "Worker {WorkerId} stopped; {Released} leases given back")]
    public static partial void ProcessorStopped(ILogger logger, string workerId, int released);

    [LoggerMessage(HandlerFailedId, LogLevel.Warning, "Handler for {Kind} threw on work item {ItemId}")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string kind, long itemId);

    [LoggerMessage(LeaseLostId, LogLevel.Warning, "Worker {WorkerId} lost the lease of work item {ItemId}; its handler is cancelled")]
    public static partial void LeaseLost(ILogger logger, string workerId, long itemId);

    [LoggerMessage(ClaimFailedId, LogLevel.Error, "Worker {WorkerId} could not reach the work queue")]
    public static partial void ClaimFailed(ILogger logger, Exception exception, string workerId);

    [LoggerMessage(NoHandlerId, LogLevel.Error, "Worker {WorkerId} has no handler for kind {Kind} (work item {ItemId})")]
    public static partial void NoHandler(ILogger logger, string workerId, string kind, long itemId);

    [LoggerMessage(ArrivalsListenFailedId, LogLevel.Warning, "Work arrivals could not be announced or heard ({Channel}); idle workers find the work at their next poll")]
    public static partial void ArrivalsListenFailed(ILogger logger, Exception exception, string channel);

    [LoggerMessage(ArrivalsListenerAbandonedId, LogLevel.Warning, "The work arrivals listener ({Channel}) did not stop within {Timeout}; the queue is disposed without it")]
    public static partial void ArrivalsListenerAbandoned(ILogger logger, string channel, TimeSpan timeout);
}
