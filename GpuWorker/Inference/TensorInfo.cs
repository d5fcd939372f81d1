namespace SampleMind.GpuWorker.Inference;

/// <summary>A model input or output: its name, element type and shape (-1 for a symbolic dimension).</summary>
public sealed record TensorInfo(string Name, TensorElementType ElementType, IReadOnlyList<long> Shape);
