namespace SampleMind.Runtime;

/// <summary>
/// An interface that a non-grain object implements to receive calls from grains, through a
/// reference made by <see cref="IGrainFactory.CreateObjectReference{T}(IGrainObserver)"/>.
/// </summary>
public interface IGrainObserver : IAddressable;
