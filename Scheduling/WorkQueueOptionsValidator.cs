using Microsoft.Extensions.Options;

namespace SampleMind.Scheduling;

/// <summary>Rejects work queue settings that cannot work.</summary>
public sealed class WorkQueueOptionsValidator : IValidateOptions<WorkQueueOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, WorkQueueOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.Provider is not (WorkQueueOptions.SqliteProvider or WorkQueueOptions.PostgresProvider))
        {
            errors.Add($"WorkQueue:Provider must be 'sqlite' or 'postgres', not '{options.Provider}'.");
        }

        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            errors.Add("WorkQueue:ConnectionString is required.");
        }

        if (options.MaxAttempts < 1)
        {
            errors.Add("WorkQueue:MaxAttempts must be at least 1.");
        }

        if (options.RetryBackoff < TimeSpan.Zero || options.MaxRetryBackoff < options.RetryBackoff)
        {
            errors.Add("WorkQueue:RetryBackoff must be >= 0 and <= MaxRetryBackoff.");
        }

        if (options.DefaultLease <= TimeSpan.Zero)
        {
            errors.Add("WorkQueue:DefaultLease must be positive.");
        }

        if (options.ReclaimBatchSize < 1)
        {
            errors.Add("WorkQueue:ReclaimBatchSize must be at least 1.");
        }

        if (options.CancelBatchSize < 1)
        {
            errors.Add("WorkQueue:CancelBatchSize must be at least 1.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
