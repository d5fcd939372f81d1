namespace SampleMind.Runtime;

/// <summary>
/// How long an idle activation of the grain class stays in memory before the silo collects it, instead of the silo's
/// <c>Silo:CollectionAge</c> (as Orleans' attribute of the same name). The parts add up (<see cref="Days"/>,
/// <see cref="Hours"/>, <see cref="Minutes"/>) and must come to more than zero; the source generator reports one that
/// does not. A grain whose state is written once and seldom read again (a sample's record during an ingest of millions
/// of files) is given a short age, so a long job does not keep every record it wrote in memory for the silo's full age.
/// Activations are looked for every <c>Silo:CollectionInterval</c>, so an idle one goes between its age and its age
/// plus that interval.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class CollectionAgeLimitAttribute : Attribute
{
    /// <summary>Days of the age.</summary>
    public double Days { get; init; }

    /// <summary>Hours of the age.</summary>
    public double Hours { get; init; }

    /// <summary>Minutes of the age.</summary>
    public double Minutes { get; init; }
}
