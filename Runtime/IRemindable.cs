namespace SampleMind.Runtime;

/// <summary>Implemented by grain classes that register reminders.</summary>
public interface IRemindable : IGrain
{
    /// <summary>A reminder fired: runs as a normal turn, activating the grain if needed.</summary>
    Task ReceiveReminder(string reminderName, TickStatus status);
}
