namespace SampleMind.Runtime.Tests.Grains;

public interface ICycleGrain : IGrainWithStringKey
{
    /// <summary>Calls <paramref name="peer"/>, which calls back into this grain: a cycle.</summary>
    Task<string> CallPeer(string peer);

    Task<string> CallBack(string caller);

    Task<string> Echo(string text);
}

public sealed class CycleGrain : Grain, ICycleGrain
{
    public Task<string> CallPeer(string peer) => GrainFactory.GetGrain<ICycleGrain>(peer).CallBack(GetPrimaryKeyString());

    public Task<string> CallBack(string caller) => GrainFactory.GetGrain<ICycleGrain>(caller).Echo("back");

    public Task<string> Echo(string text) => Task.FromResult($"{GetPrimaryKeyString()}:{text}");
}
