namespace SampleMind.GpuWorker.Hosting;

/// <summary>
/// Options of the "Compute" section read through the options system, validated at start (<c>Compute:BlobDirectory</c>
/// is read by <see cref="ComputeBlobs"/>).
/// </summary>
public sealed class ComputeOptions
{
    /// <summary>The section.</summary>
    public const string SectionName = "Compute";

    /// <summary>How often a gpu silo reports its figures to the dashboard (default 5 s; must be positive).</summary>
    public TimeSpan StatsInterval { get; set; } = TimeSpan.FromSeconds(5);
}
