namespace SampleMind.Api.Dashboard;

/// <summary>One of the slowest grain methods by p99.</summary>
public sealed record SlowMethodView(string GrainType, string Method, double P99Ms, long Calls);
