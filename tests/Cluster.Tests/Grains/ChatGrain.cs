using SampleMind.Runtime;

namespace SampleMind.Cluster.Tests.Grains;

public interface IChatObserver : IGrainObserver
{
    Task Said(string text);
}

public interface IChatGrain : IGrainWithStringKey
{
    Task Join(IChatObserver observer);

    Task Say(string text);
}

[GrainType("test-chat")]
internal sealed class ChatGrain : Grain, IChatGrain
{
    private readonly List<IChatObserver> _observers = [];

    public Task Join(IChatObserver observer)
    {
        _observers.Add(observer);
        return Task.CompletedTask;
    }

    public Task Say(string text) => Task.WhenAll(_observers.Select(o => o.Said(text)));
}
