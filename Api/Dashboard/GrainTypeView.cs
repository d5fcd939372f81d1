namespace SampleMind.Api.Dashboard;

/// <summary>A grain type on a silo: activations, call rate, latency, errors.</summary>
public sealed record GrainTypeView(string GrainType, string SiloId, long Activations, double CallsPerSecond, double P50Ms, double P99Ms, double ErrorRate);
