using Npgsql;
using SampleMind.Scheduling.Postgres;
using SampleMind.Scheduling.Tests.Infrastructure;

namespace SampleMind.Scheduling.Tests;

/// <summary>The PostgreSQL queue's arrivals listener (LISTEN on the queue's channel) ends with the queue.</summary>
public sealed class ArrivalsListenerTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Disposing_a_listening_queue_ends_its_listener_and_closes_its_LISTEN_connection()
    {
        await using var store = await QueueStore.CreateAsync(QueueStore.Postgres);
        var queue = store.NewQueue();
        await queue.EnsureSchemaAsync();
        var listening = queue.Arrivals.Next;

        // The listener pulses once when its LISTEN is in place.
        await listening.WaitAsync(Deadline);
        var channel = PostgresWorkQueue.ArrivalsChannel(new NpgsqlConnectionStringBuilder(store.ConnectionString));
        Assert.Equal(1, await ListenersAsync(store, channel));

        await queue.DisposeAsync().AsTask().WaitAsync(Deadline);
        await queue.DisposeAsync();

        // The server ends the backend after the client closes it; its row leaves pg_stat_activity soon after.
        var gone = await WaitUntilAsync(async () => await ListenersAsync(store, channel) == 0);
        Assert.True(gone, $"a backend still LISTENs on {channel} after the queue was disposed");
    }

    [Fact]
    public async Task A_listener_hears_a_notification_that_comes_after_its_wait_interval()
    {
        await using var store = await QueueStore.CreateAsync(QueueStore.Postgres);
        var listener = store.NewQueue(time: TimeProvider.System);
        await listener.EnsureSchemaAsync();
        var listening = listener.Arrivals.Next;
        await listening.WaitAsync(Deadline);
        var channel = PostgresWorkQueue.ArrivalsChannel(new NpgsqlConnectionStringBuilder(store.ConnectionString));

        // Outlast one bounded wait, so the notification reaches a wait begun after the first one timed out.
        var waited = listener.Arrivals.Next;
        var pastOneWait = Task.Delay(PostgresWorkQueue.ListenerWakeInterval + TimeSpan.FromSeconds(1));
        Assert.Same(pastOneWait, await Task.WhenAny(waited, pastOneWait));
        await store.ExecuteAsync($"NOTIFY {channel}");

        await waited.WaitAsync(Deadline);
        Assert.Equal(1, await ListenersAsync(store, channel));
    }

    private static async Task<long> ListenersAsync(QueueStore store, string channel) =>
        await store.ScalarAsync<long>($"SELECT COUNT(*) FROM pg_stat_activity WHERE query = 'LISTEN {channel}'");

    private static async Task<bool> WaitUntilAsync(Func<Task<bool>> condition)
    {
        var until = DateTime.UtcNow + Deadline;
        while (DateTime.UtcNow < until)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(50);
        }

        return await condition();
    }
}
