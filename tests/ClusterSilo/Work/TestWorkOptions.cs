namespace SampleMind.TestSilo.Work;

/// <summary>The test silo's work processor (configuration section "Work").</summary>
public sealed class TestWorkOptions
{
    /// <summary>Runs a <see cref="Scheduling.Processing.WorkProcessor"/> for kind <see cref="TestWorkHandler.Kind"/> when true.</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// When true the handler never finishes an item: it reports "HOLDING key" on stdout and keeps the
    /// lease (renewing it) until the process dies, so a test can kill a silo with items leased.
    /// </summary>
    public bool Hold { get; set; }

    /// <summary>Items processed at once (default 4).</summary>
    public int Concurrency { get; set; } = 4;

    /// <summary>Lease per claim and renewal (default 3 s).</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Wait before polling again when the queue had nothing (default 200 ms).</summary>
    public TimeSpan IdleDelay { get; set; } = TimeSpan.FromMilliseconds(200);
}
