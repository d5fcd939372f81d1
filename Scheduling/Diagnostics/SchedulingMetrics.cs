using System.Diagnostics.Metrics;

namespace SampleMind.Scheduling.Diagnostics;

/// <summary>Instruments of the meter "SampleMind.Scheduling".</summary>
internal static class SchedulingMetrics
{
    /// <summary>The meter name to listen to.</summary>
    public const string MeterName = "SampleMind.Scheduling";

    private static readonly Meter s_meter = new(MeterName);

    public static readonly Counter<long> Claimed =
        s_meter.CreateCounter<long>("samplemind.work.claimed", "{item}", "Work items leased to workers");

    public static readonly Counter<long> Completed =
        s_meter.CreateCounter<long>("samplemind.work.completed", "{item}", "Work item completions recorded");

    public static readonly Counter<long> Failed =
        s_meter.CreateCounter<long>("samplemind.work.failed", "{item}", "Work item failures reported (retried or set aside)");

    public static readonly Counter<long> SetAside =
        s_meter.CreateCounter<long>("samplemind.work.set_aside", "{item}", "Work items set aside after their last attempt");

    public static readonly Counter<long> Reclaimed =
        s_meter.CreateCounter<long>("samplemind.work.reclaimed", "{item}", "Expired leases returned to the queue");

    /// <summary>
    /// Counts leases taken back: <paramref name="returned"/> items back in the queue, <paramref name="setAside"/> set aside
    /// on their last attempt. A zero is not added, so a series appears at its first count (docs/telemetry.md).
    /// </summary>
    public static void CountReclaimed(int returned, int setAside)
    {
        if (returned > 0)
        {
            Reclaimed.Add(returned);
        }

        if (setAside > 0)
        {
            SetAside.Add(setAside);
        }
    }
}
