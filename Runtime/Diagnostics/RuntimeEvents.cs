using System.Diagnostics;

namespace SampleMind.Runtime.Diagnostics;

/// <summary>
/// Lifecycle events on <c>DiagnosticListener("SampleMind.Runtime")</c>, so tests and tools can wait
/// on them. Each payload is a <see cref="RuntimeEvent"/>.
/// </summary>
public static class RuntimeEvents
{
    /// <summary>The listener's name.</summary>
    public const string ListenerName = "SampleMind.Runtime";

    /// <summary>An activation finished OnActivateAsync.</summary>
    public const string Activated = "SampleMind.Runtime.Activated";

    /// <summary>An activation was dropped (after OnDeactivateAsync).</summary>
    public const string Deactivated = "SampleMind.Runtime.Deactivated";

    /// <summary>A reminder fired and its grain call completed.</summary>
    public const string ReminderFired = "SampleMind.Runtime.ReminderFired";

    /// <summary>An idle-collection pass deactivated at least one activation.</summary>
    public const string Collection = "SampleMind.Runtime.Collection";

    internal static readonly DiagnosticListener Listener = new(ListenerName);

    internal static void Write(string name, RuntimeEvent payload)
    {
        if (Listener.IsEnabled(name))
        {
            Listener.Write(name, payload);
        }
    }
}
