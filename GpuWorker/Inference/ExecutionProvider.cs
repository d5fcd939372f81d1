namespace SampleMind.GpuWorker.Inference;

/// <summary>Where a session runs its kernels.</summary>
public enum ExecutionProvider
{
    /// <summary>ONNX Runtime's CPU kernels (always available).</summary>
    Cpu = 0,

    /// <summary>The CUDA execution provider; falls back to CPU, with a logged reason, when absent.</summary>
    Cuda = 1,
}
