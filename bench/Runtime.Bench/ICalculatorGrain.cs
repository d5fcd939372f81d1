namespace SampleMind.Runtime.Bench;

/// <summary>The benchmarked grain interface.</summary>
public interface ICalculatorGrain : IGrainWithStringKey
{
    Task<int> Add(SmallRecord r);
}
