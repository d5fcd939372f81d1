namespace SampleMind.TestSupport;

/// <summary>
/// The system clock moved forward by what the test says (<see cref="Advance"/>); timers and timestamps stay the system's.
/// For a whole host, where <see cref="ManualTimeProvider"/> would stop every timer (or fire a periodic one thousands of
/// times at one jump of days): things judged by the date (a session idle for a week) see the jump, the rest runs as usual.
/// </summary>
public sealed class ShiftedTimeProvider : TimeProvider
{
    private long _shiftTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _shiftTicks));

    /// <summary>Moves the clock forward (or back) by <paramref name="by"/>.</summary>
    public void Advance(TimeSpan by) => Interlocked.Add(ref _shiftTicks, by.Ticks);
}
