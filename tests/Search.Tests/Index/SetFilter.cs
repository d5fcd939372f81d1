using SampleMind.Search.Index;

namespace SampleMind.Search.Tests.Index;

/// <summary>A slot filter over an explicit set of allowed slots.</summary>
internal sealed class SetFilter(HashSet<int> allowed) : ISlotFilter
{
    public HashSet<int> Allowed => allowed;

    public bool Matches(int slot) => allowed.Contains(slot);

    /// <summary>About <paramref name="fraction"/> of <paramref name="slots"/>, drawn at random.</summary>
    public static SetFilter Random(int slots, double fraction, int seed)
    {
        var random = new Random(seed);
        return new SetFilter([.. Enumerable.Range(0, slots).Where(_ => random.NextDouble() < fraction)]);
    }
}
