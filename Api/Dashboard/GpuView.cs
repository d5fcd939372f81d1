namespace SampleMind.Api.Dashboard;

/// <summary>A GPU-role silo's inference figures.</summary>
public sealed record GpuView(string SiloId, string Device, bool CpuFallback, double Utilisation, int BatchSize, string Model, double ItemsPerSecond);
