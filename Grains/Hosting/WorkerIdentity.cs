namespace SampleMind.Grains.Hosting;

/// <summary>The id under which this silo's worker holds leases.</summary>
/// <param name="WorkerId">Stable across restarts of the same silo, so a restart releases its predecessor's leases at once.</param>
public sealed record WorkerIdentity(string WorkerId);
