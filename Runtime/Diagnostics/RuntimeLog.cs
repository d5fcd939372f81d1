using Microsoft.Extensions.Logging;

namespace SampleMind.Runtime.Diagnostics;

/// <summary>The runtime's log messages; event ids 1000-1099.</summary>
internal static partial class RuntimeLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information,
        Message = "Silo {SiloId} started: roles {Roles}, storage {Storage}, data directory {DataDirectory}, collection age {CollectionAge}, response timeout {ResponseTimeout}")]
    public static partial void SiloStarted(ILogger logger, string siloId, string roles, string storage, string dataDirectory, TimeSpan collectionAge, TimeSpan responseTimeout);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Silo {SiloId} stopped after deactivating {Count} activations")]
    public static partial void SiloStopped(ILogger logger, string siloId, int count);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Silo {SiloId} is draining: not ready for {DrainDelay} before it stops")]
    public static partial void Draining(ILogger logger, string siloId, TimeSpan drainDelay);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning,
        Message = "Silo {SiloId} stopped with {Count} activations still running a turn when the shutdown timeout ran out; they were not deactivated")]
    public static partial void StoppedWithBusyActivations(ILogger logger, string siloId, int count);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Debug, Message = "Activated {GrainId}")]
    public static partial void Activated(ILogger logger, string grainId);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Debug, Message = "Deactivated {GrainId} ({Reason})")]
    public static partial void Deactivated(ILogger logger, string grainId, DeactivationReason reason);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Error, Message = "Activation of {GrainId} failed")]
    public static partial void ActivationFailed(ILogger logger, string grainId, Exception exception);

    [LoggerMessage(EventId = 1013, Level = LogLevel.Warning, Message = "OnDeactivateAsync of {GrainId} threw")]
    public static partial void DeactivationFailed(ILogger logger, string grainId, Exception exception);

    [LoggerMessage(EventId = 1020, Level = LogLevel.Debug, Message = "Idle collection deactivated {Count} activations")]
    public static partial void Collected(ILogger logger, int count);

    [LoggerMessage(EventId = 1030, Level = LogLevel.Warning, Message = "{Count} grain calls timed out")]
    public static partial void CallsTimedOut(ILogger logger, int count);

    [LoggerMessage(EventId = 1040, Level = LogLevel.Warning, Message = "Timer callback of {GrainId} threw")]
    public static partial void TimerFailed(ILogger logger, string grainId, Exception exception);

    [LoggerMessage(EventId = 1050, Level = LogLevel.Information, Message = "Reminder scheduler started on {Store}")]
    public static partial void RemindersStarted(ILogger logger, string store);

    [LoggerMessage(EventId = 1051, Level = LogLevel.Debug, Message = "Reminder {ReminderName} fired for {GrainId}")]
    public static partial void ReminderFired(ILogger logger, string reminderName, string grainId);

    [LoggerMessage(EventId = 1052, Level = LogLevel.Warning, Message = "Reminder {ReminderName} of {GrainId} failed")]
    public static partial void ReminderFailed(ILogger logger, string reminderName, string grainId, Exception exception);
}
