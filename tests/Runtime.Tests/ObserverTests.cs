using SampleMind.Runtime.Tests.Grains;
using SampleMind.Runtime.Tests.Support;

namespace SampleMind.Runtime.Tests;

public sealed class ObserverTests
{
    private sealed class Listener : IChatObserver
    {
        public TaskCompletionSource<ChatMessage> Received { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Receive(ChatMessage message)
        {
            Received.TrySetResult(message);
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task An_observer_receives_pushes_until_its_reference_is_deleted()
    {
        await using var silo = await TestSilo.StartAsync();
        var listener = new Listener();
        var reference = silo.Grains.CreateObjectReference<IChatObserver>(listener);
        var chat = silo.Grains.GetGrain<IChatGrain>(Guid.NewGuid().ToString("N"));
        await chat.Subscribe(reference);

        await chat.Publish(new ChatMessage { Text = "hello" });
        var received = await listener.Received.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("hello", received.Text);

        silo.Grains.DeleteObjectReference<IChatObserver>(reference);
        var error = await Assert.ThrowsAsync<ObserverNotFoundException>(() => chat.Publish(new ChatMessage { Text = "again" }));
        Assert.Contains("deleted", error.Message, StringComparison.Ordinal);
    }
}
