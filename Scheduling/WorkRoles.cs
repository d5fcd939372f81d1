namespace SampleMind.Scheduling;

/// <summary>
/// The worker roles that work items may require. A role is a plain string, so hosts may add their
/// own; <see cref="Any"/> marks an item that every claimer may take, whatever roles it holds.
/// </summary>
public static class WorkRoles
{
    /// <summary>CPU compute (analysis, fingerprinting, ingest).</summary>
    public const string Cpu = "cpu";

    /// <summary>Accelerator compute (separation, generation): claimed only by workers holding this role.</summary>
    public const string Gpu = "gpu";

    /// <summary>No requirement: claimable by every worker.</summary>
    public const string Any = "any";
}
