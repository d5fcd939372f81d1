namespace SampleMind.Runtime.Tests.Grains;

public interface IEchoGrain : IGrainWithStringKey
{
    Task<int> Echo(int value);
}

[GrainType("metrics-echo")]
[RolePlacement("cpu")]
public sealed class EchoGrain : Grain, IEchoGrain
{
    public Task<int> Echo(int value) => Task.FromResult(value);
}
