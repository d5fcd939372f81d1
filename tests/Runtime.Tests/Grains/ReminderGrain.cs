using SampleMind.Runtime.Diagnostics;

namespace SampleMind.Runtime.Tests.Grains;

public interface IReminderGrain : IGrainWithStringKey
{
    Task Register(string name, TimeSpan dueTime, TimeSpan period);

    Task<bool> Has(string name);

    Task Unregister(string name);
}

public sealed class ReminderGrain(IClusterDiagnostics cluster) : Grain, IReminderGrain, IRemindable
{
    public Task Register(string name, TimeSpan dueTime, TimeSpan period) => RegisterOrUpdateReminder(name, dueTime, period);

    public async Task<bool> Has(string name) => await GetReminder(name) is not null;

    public async Task Unregister(string name)
    {
        if (await GetReminder(name) is { } reminder)
        {
            await UnregisterReminder(reminder);
        }
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        Sinks.For(GetPrimaryKeyString()).Fired.Enqueue($"{cluster.GetLocalSilo().SiloId}:{reminderName}");
        return Task.CompletedTask;
    }
}
