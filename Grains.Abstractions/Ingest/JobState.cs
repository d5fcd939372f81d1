namespace SampleMind.Grains.Abstractions.Ingest;

/// <summary>An ingest job's lifecycle.</summary>
public enum JobState
{
    /// <summary>Accepted; files are being listed into work items.</summary>
    Running,

    /// <summary>No new items are claimed; items in flight finish.</summary>
    Paused,

    /// <summary>Every item is done or set aside.</summary>
    Completed,

    /// <summary>Stopped by the user; pending items were dropped.</summary>
    Cancelled,
}
