using SampleMind.Runtime.Invocation;

namespace SampleMind.Runtime.Reminders;

/// <summary>The call <see cref="IRemindable.ReceiveReminder"/> (written by hand: the runtime is not generated).</summary>
internal sealed class ReminderTickRequest(string reminderName, TickStatus status) : GrainRequest<object?>
{
    public override string MethodName => nameof(IRemindable.ReceiveReminder);

    public override int MethodId => 1;

    public override int ArgumentCount => 2;

    public override object? GetArgument(int index) => index switch
    {
        0 => reminderName,
        1 => status,
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    protected override ValueTask<object?> InvokeCore(object target) =>
        FromTask(((IRemindable)target).ReceiveReminder(reminderName, status));
}
