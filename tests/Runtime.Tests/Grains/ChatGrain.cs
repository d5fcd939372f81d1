namespace SampleMind.Runtime.Tests.Grains;

public sealed class ChatMessage
{
    public string Text { get; set; } = "";
}

public interface IChatObserver : IGrainObserver
{
    Task Receive(ChatMessage message);
}

public interface IChatGrain : IGrainWithStringKey
{
    Task Subscribe(IChatObserver observer);

    Task Publish(ChatMessage message);
}

public sealed class ChatGrain : Grain, IChatGrain
{
    private readonly List<IChatObserver> _observers = [];

    public Task Subscribe(IChatObserver observer)
    {
        _observers.Add(observer);
        return Task.CompletedTask;
    }

    public async Task Publish(ChatMessage message)
    {
        foreach (var observer in _observers)
        {
            await observer.Receive(message);
        }

        message.Text = "changed by the grain after sending";
    }
}
