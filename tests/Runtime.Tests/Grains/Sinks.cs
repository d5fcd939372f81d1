using System.Collections.Concurrent;

namespace SampleMind.Runtime.Tests.Grains;

/// <summary>Per-grain-key probes that test grains report to (keys are unique per test).</summary>
public static class Sinks
{
    public static readonly ConcurrentDictionary<string, Probe> Probes = new();

    public static Probe For(string key) => Probes.GetOrAdd(key, _ => new Probe());
}
