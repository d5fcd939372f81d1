namespace SampleMind.Scheduling;

/// <summary>Whether a job's pending items may be claimed.</summary>
public enum WorkJobStatus
{
    /// <summary>Items are claimed.</summary>
    Active = 0,

    /// <summary>No new claims; in-flight items finish; resumable.</summary>
    Paused = 1,

    /// <summary>Pending items are cancelled; in-flight items may finish; final.</summary>
    Cancelled = 2,
}
