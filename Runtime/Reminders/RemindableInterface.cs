using SampleMind.Runtime.Invocation;

namespace SampleMind.Runtime.Reminders;

/// <summary>
/// Registers <see cref="IRemindable"/> as a grain interface, as generated code does for application
/// interfaces: the wire names a call by interface and method id, so a reminder tick fired on one
/// silo can run on the silo that hosts the grain. Ids follow the generator's scheme (FNV-1a of the
/// interface's full name, and of the method's signature).
/// </summary>
internal static class RemindableInterface
{
    public static readonly int InterfaceId = Fnv1a("SampleMind.Runtime.IRemindable");

    public static readonly int ReceiveReminderMethodId = Fnv1a("ReceiveReminder(string,SampleMind.Runtime.TickStatus)");

    private static readonly GrainInterfaceInfo s_info = new(typeof(IRemindable), InterfaceId, IsObserver: false,
        methodId => methodId == ReceiveReminderMethodId ? new ReminderTickRequest() : null);

    /// <summary>Idempotent; every silo runtime calls it when it is built.</summary>
    public static void Register() =>
        GrainTypeRegistry.RegisterInterface<IRemindable>(s_info, static (router, grain) => new Reference(router, grain));

    private static int Fnv1a(string text)
    {
        unchecked
        {
            var hash = 2166136261u;
            foreach (var c in text)
            {
                hash = (hash ^ c) * 16777619u;
            }

            return (int)hash;
        }
    }

    /// <summary>A reference to any remindable grain; calls go through the silo's router to wherever the grain lives.</summary>
    internal sealed class Reference(IGrainCallRouter router, GrainId grain) : GrainReference(router, grain), IRemindable
    {
        public Task ReceiveReminder(string reminderName, TickStatus status) => InvokeAsync(new ReminderTickRequest(reminderName, status));
    }
}
