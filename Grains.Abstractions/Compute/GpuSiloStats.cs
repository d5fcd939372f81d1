namespace SampleMind.Grains.Abstractions.Compute;

/// <summary>
/// What one gpu-role silo reported about its separation device lately (see <see cref="IGpuStatsGrain"/>).
/// </summary>
/// <param name="SiloId">The reporting silo.</param>
/// <param name="Device">"cuda" when a model runs on the CUDA execution provider, else "cpu".</param>
/// <param name="CpuFallback">True when the work runs on the CPU (a DSP method, or no CUDA provider).</param>
/// <param name="Utilisation">Share of the last report interval the device was running a batch or segment (0 to 1).</param>
/// <param name="AverageBatchSize">Segments per batch over the last interval (0 when idle).</param>
/// <param name="LargestBatch">The largest batch since start.</param>
/// <param name="MostRequestsInBatch">The most distinct requests one batch served since start (cross-request batching).</param>
/// <param name="Segments">Segments run since start.</param>
/// <param name="BusySeconds">Device-busy seconds since start.</param>
/// <param name="Requests">Requests finished since start.</param>
/// <param name="ItemsPerSecond">Output files per second over the last interval (0 when idle).</param>
/// <param name="Method">The last method used, null before the first request.</param>
/// <param name="ReportedAt">When the silo sent it.</param>
public sealed record GpuSiloStats(
    string SiloId,
    string Device,
    bool CpuFallback,
    double Utilisation,
    double AverageBatchSize,
    int LargestBatch,
    int MostRequestsInBatch,
    long Segments,
    double BusySeconds,
    long Requests,
    double ItemsPerSecond,
    string? Method,
    DateTimeOffset ReportedAt);
