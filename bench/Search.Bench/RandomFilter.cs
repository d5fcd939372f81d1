using SampleMind.Search.Index;

namespace SampleMind.Search.Bench;

/// <summary>Admits each slot independently with a given probability (a fixed seed, so every ef sees the same filter).</summary>
internal sealed class RandomFilter : ISlotFilter
{
    private readonly bool[] _allowed;

    public RandomFilter(int slots, double fraction, int seed)
    {
        var random = new Random(seed);
        _allowed = new bool[slots];
        for (var i = 0; i < slots; i++)
        {
            _allowed[i] = random.NextDouble() < fraction;
        }
    }

    public bool Matches(int slot) => _allowed[slot];
}
