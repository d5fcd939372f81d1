using System.Text.Json.Serialization;
using SampleMind.Runtime;
using SampleMind.Runtime.Cluster;

namespace SampleMind.Cluster.Tests.Grains;

/// <summary>Every reminder tick a ticker received, in order, persisted with the grain.</summary>
public sealed class TickLog
{
    /// <summary>Each tick's scheduled fire time (<see cref="TickStatus.CurrentTickTime"/>, UTC ticks).</summary>
    public List<long> Scheduled { get; set; } = [];

    /// <summary>The silo the grain ran on when it received each tick.</summary>
    public List<string> Hosts { get; set; } = [];
}

public interface ITickerGrain : IGrainWithStringKey
{
    /// <summary>Registers the reminder "tick" (first due after one period).</summary>
    Task Start(TimeSpan period);

    /// <summary>Unregisters "tick".</summary>
    Task Stop();

    Task<bool> IsRegistered();

    Task<TickLog> Log();

    Task<string> WhereAmI();
}

[GrainType("test-ticker")]
internal sealed class TickerGrain([PersistentState("ticks")] IPersistentState<TickLog> state, ClusterSilo cluster) : Grain, ITickerGrain, IRemindable
{
    private const string Reminder = "tick";

    public Task Start(TimeSpan period) => RegisterOrUpdateReminder(Reminder, period, period);

    public async Task Stop()
    {
        if (await GetReminder(Reminder) is { } reminder)
        {
            await UnregisterReminder(reminder);
        }
    }

    public async Task<bool> IsRegistered() => await GetReminder(Reminder) is not null;

    public Task<TickLog> Log() => Task.FromResult(state.State);

    public Task<string> WhereAmI() => Task.FromResult(cluster.SiloId);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        state.State.Scheduled.Add(status.CurrentTickTime.Ticks);
        state.State.Hosts.Add(cluster.SiloId);
        await state.WriteStateAsync();
    }
}

[JsonSerializable(typeof(TickLog))]
[JsonSerializable(typeof(TimeSpan))]
[JsonSerializable(typeof(bool))]
internal sealed partial class TickerJsonContext : JsonSerializerContext;
