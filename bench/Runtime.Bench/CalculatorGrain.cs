namespace SampleMind.Runtime.Bench;

/// <summary>Adds the record's two numbers.</summary>
public sealed class CalculatorGrain : Grain, ICalculatorGrain
{
    public Task<int> Add(SmallRecord r) => Task.FromResult(r.A + r.B + r.Label.Length);
}
