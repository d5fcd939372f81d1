using Quartz;
using Quartz.Spi;

namespace SampleMind.Runtime.Reminders;

/// <summary>The Quartz job behind every reminder: calls the grain's ReceiveReminder through the runtime.</summary>
[DisallowConcurrentExecution]
internal sealed class ReminderJob(ReminderService reminders) : IJob
{
    public const string GrainTypeKey = "grainType";
    public const string GrainKeyKey = "grainKey";
    public const string ReminderKey = "reminder";

    public Task Execute(IJobExecutionContext context)
    {
        var data = context.MergedJobDataMap;
        var grain = new GrainId(data.GetString(GrainTypeKey)!, data.GetString(GrainKeyKey)!);
        var period = context.Trigger is ISimpleTrigger simple ? simple.RepeatInterval : TimeSpan.Zero;
        var status = new TickStatus(context.Trigger.StartTimeUtc.UtcDateTime, period,
            (context.ScheduledFireTimeUtc ?? context.FireTimeUtc).UtcDateTime);
        return reminders.FireAsync(grain, data.GetString(ReminderKey)!, status);
    }

    /// <summary>Makes jobs that reach the runtime.</summary>
    internal sealed class Factory(ReminderService reminders) : IJobFactory
    {
        public IJob NewJob(TriggerFiredBundle bundle, IScheduler scheduler) => new ReminderJob(reminders);

        public void ReturnJob(IJob job)
        {
        }
    }
}
