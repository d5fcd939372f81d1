using System.Globalization;

namespace SampleMind.Sessions.Bench;

/// <summary>Latency samples in milliseconds and what the run sent.</summary>
internal sealed record LatencyResult(double[] BroadcastMs, double[] AckMs, int OpsSent, int Skipped)
{
    public string Describe(int clients, double rate, TimeSpan elapsed) => string.Create(CultureInfo.InvariantCulture,
        $"""
        {clients} clients, {rate} ops/s aggregate, {OpsSent} ops sent ({Skipped} ticks skipped: client still in flight), {elapsed.TotalSeconds:0.0} s
        broadcast (op sent -> another client has it): n={BroadcastMs.Length} p50={Percentile(BroadcastMs, 0.50):0.00} ms p99={Percentile(BroadcastMs, 0.99):0.00} ms max={Percentile(BroadcastMs, 1):0.00} ms
        ack (op sent -> author has its ack):           n={AckMs.Length} p50={Percentile(AckMs, 0.50):0.00} ms p99={Percentile(AckMs, 0.99):0.00} ms max={Percentile(AckMs, 1):0.00} ms
        """);

    private static double Percentile(double[] samples, double p)
    {
        if (samples.Length == 0)
        {
            return double.NaN;
        }

        var sorted = samples.Order().ToArray();
        return sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(p * sorted.Length) - 1 < 0 ? 0 : Math.Ceiling(p * sorted.Length) - 1)];
    }
}
