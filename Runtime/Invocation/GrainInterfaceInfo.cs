namespace SampleMind.Runtime.Invocation;

/// <summary>What the generated code registers for one grain or observer interface.</summary>
/// <param name="InterfaceType">The interface.</param>
/// <param name="InterfaceId">Stable id (a hash of the interface's full name).</param>
/// <param name="IsObserver">True for <see cref="IGrainObserver"/> interfaces.</param>
/// <param name="CreateRequest">The invoker: an empty request for a method id (for the wire), or null.</param>
public sealed record GrainInterfaceInfo(Type InterfaceType, int InterfaceId, bool IsObserver, Func<int, GrainRequest?> CreateRequest);
