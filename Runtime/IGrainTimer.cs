namespace SampleMind.Runtime;

/// <summary>A grain timer; dispose it to stop it. Timers also stop when the activation deactivates.</summary>
public interface IGrainTimer : IDisposable
{
    /// <summary>Changes the due time and period.</summary>
    void Change(TimeSpan dueTime, TimeSpan period);
}
