namespace SampleMind.Scheduling.Processing;

/// <summary>What a handler made of an item: a result, a retryable failure or a permanent one.</summary>
public sealed record WorkOutcome
{
    private WorkOutcome(bool succeeded, bool retryable, string? resultJson, string? error, IReadOnlyDictionary<string, double>? tallies)
    {
        Succeeded = succeeded;
        Retryable = retryable;
        ResultJson = resultJson;
        Error = error;
        Tallies = tallies;
    }

    /// <summary>True when the item is done.</summary>
    public bool Succeeded { get; }

    /// <summary>For failures: whether another attempt may succeed.</summary>
    public bool Retryable { get; }

    /// <summary>The result to record (JSON text), for successes.</summary>
    public string? ResultJson { get; }

    /// <summary>The error to record, for failures.</summary>
    public string? Error { get; }

    /// <summary>Amounts added to the job's tallies with the completion (e.g. "duplicates": 1).</summary>
    public IReadOnlyDictionary<string, double>? Tallies { get; }

    /// <summary>The item is done; its result and tallies are recorded once.</summary>
    public static WorkOutcome Success(string? resultJson, IReadOnlyDictionary<string, double>? tallies = null) =>
        new(true, false, resultJson, null, tallies);

    /// <summary>A transient failure: tried again after a backoff until the last attempt.</summary>
    public static WorkOutcome Retry(string error) => new(false, true, null, error, null);

    /// <summary>A permanent failure (e.g. a corrupt file): set aside at once.</summary>
    public static WorkOutcome Reject(string error) => new(false, false, null, error, null);
}
