namespace SampleMind.Scheduling;

/// <summary>What <see cref="IWorkQueue.FailAsync"/> did.</summary>
public enum WorkFailResult
{
    /// <summary>The caller no longer holds the current lease (or the item is already finished): nothing changed.</summary>
    LeaseLost = 0,

    /// <summary>The item goes back to pending, claimable after the retry backoff.</summary>
    Retrying = 1,

    /// <summary>The item was set aside (state failed) with its error; the job carries on.</summary>
    SetAside = 2,
}
