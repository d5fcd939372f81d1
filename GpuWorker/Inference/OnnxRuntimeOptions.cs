namespace SampleMind.GpuWorker.Inference;

/// <summary>How ONNX Runtime is found and how its sessions run. Bound from the "OnnxRuntime" section.</summary>
public sealed class OnnxRuntimeOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "OnnxRuntime";

    /// <summary>The environment variable naming the library when <see cref="LibraryPath"/> is not set.</summary>
    public const string LibraryPathVariable = "SAMPLEMIND_ONNXRUNTIME_PATH";

    /// <summary>
    /// Path of libonnxruntime.so.1 (the GPU build on GPU nodes). Default: none, then the
    /// <c>SAMPLEMIND_ONNXRUNTIME_PATH</c> variable, then <c>.tools/onnxruntime/libonnxruntime.so.1</c>
    /// in the application folder or any folder above it (the cache scripts/fetch-onnxruntime.sh fills).
    /// </summary>
    public string? LibraryPath { get; set; }

    /// <summary>The execution provider asked for. Default: <see cref="ExecutionProvider.Cpu"/>.</summary>
    public ExecutionProvider ExecutionProvider { get; set; } = ExecutionProvider.Cpu;

    /// <summary>The CUDA device sessions run on. Default: 0.</summary>
    public int CudaDeviceId { get; set; }

    /// <summary>Limit of the CUDA memory arena in bytes; 0 means no limit. Default: 0.</summary>
    public long GpuMemoryLimitBytes { get; set; }

    /// <summary>Threads inside one operator; 0 lets ONNX Runtime choose. Default: 0.</summary>
    public int IntraOpThreads { get; set; }

    /// <summary>Threads across independent operators; 0 lets ONNX Runtime choose. Default: 0.</summary>
    public int InterOpThreads { get; set; }

    /// <summary>Graph optimisation level. Default: <see cref="GraphOptimizationLevel.All"/>.</summary>
    public GraphOptimizationLevel GraphOptimizationLevel { get; set; } = GraphOptimizationLevel.All;

    /// <summary>ONNX Runtime's own log level, 0 (verbose) to 4 (fatal). Default: 3 (errors).</summary>
    public int NativeLogLevel { get; set; } = 3;
}
