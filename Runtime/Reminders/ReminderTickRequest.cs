using SampleMind.Runtime.Invocation;

namespace SampleMind.Runtime.Reminders;

/// <summary>
/// The call <see cref="IRemindable.ReceiveReminder"/>, written by hand (the runtime is not generated)
/// in the generated requests' shape: argument fields <c>Arg0</c>, <c>Arg1</c>, so cluster mode can
/// carry it to the silo that hosts the grain.
/// </summary>
internal sealed class ReminderTickRequest : GrainRequest<object?>
{
    public string Arg0 = "";
    public TickStatus Arg1;

    public ReminderTickRequest()
    {
    }

    public ReminderTickRequest(string reminderName, TickStatus status)
    {
        Arg0 = reminderName;
        Arg1 = status;
    }

    public override string MethodName => nameof(IRemindable.ReceiveReminder);

    public override int MethodId => RemindableInterface.ReceiveReminderMethodId;

    public override int ArgumentCount => 2;

    public override object? GetArgument(int index) => index switch
    {
        0 => Arg0,
        1 => Arg1,
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    protected override ValueTask<object?> InvokeCore(object target) =>
        FromTask(((IRemindable)target).ReceiveReminder(Arg0, Arg1));
}
