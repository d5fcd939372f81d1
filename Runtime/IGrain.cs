namespace SampleMind.Runtime;

/// <summary>Marker for grain interfaces (use <see cref="IGrainWithStringKey"/> or <see cref="IGrainWithGuidKey"/>).</summary>
public interface IGrain : IAddressable;
