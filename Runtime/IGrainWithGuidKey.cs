namespace SampleMind.Runtime;

/// <summary>A grain interface whose grains are addressed by a <see cref="Guid"/> key.</summary>
public interface IGrainWithGuidKey : IGrain;
