namespace SampleMind.Runtime;

/// <summary>Marker for anything the runtime can address: grains and observers.</summary>
public interface IAddressable;
