using SampleMind.Runtime.Activation;

namespace SampleMind.Runtime.Invocation;

/// <summary>Per-interface registration, read without a lookup on the call path.</summary>
internal static class GrainInterfaceCache<T>
{
    public static GrainInterfaceInfo? Info;
    public static Func<IGrainCallRouter, GrainId, T>? ReferenceFactory;
    public static GrainClassInfo? ImplementingClass;
}
