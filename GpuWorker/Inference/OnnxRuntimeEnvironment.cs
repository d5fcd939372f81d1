using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SampleMind.GpuWorker.Interop;

namespace SampleMind.GpuWorker.Inference;

/// <summary>
/// The process's ONNX Runtime: the loaded library, its one <c>OrtEnv</c>, and the session options
/// every session is made with (threads, optimisation level, CUDA with device and memory limit when
/// configured, CPU otherwise). One per process, shared by every model.
/// </summary>
public sealed class OnnxRuntimeEnvironment : IDisposable
{
    private readonly OnnxRuntime _runtime;
    private readonly OrtEnvHandle _env;
    private readonly OrtMemoryInfoHandle _cpuMemory;
    private readonly OnnxRuntimeOptions _options;
    private readonly ILogger _logger;

    /// <summary>Loads the library the options point at (see <see cref="OnnxRuntimeLibraryLocator"/>).</summary>
    /// <exception cref="OnnxRuntimeLibraryException">The library is missing, not ONNX Runtime, or too old.</exception>
    public OnnxRuntimeEnvironment(IOptions<OnnxRuntimeOptions> options, ILogger<OnnxRuntimeEnvironment>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _runtime = OnnxRuntime.Load(OnnxRuntimeLibraryLocator.Resolve(_options.LibraryPath));
        _env = _runtime.CreateEnv(_options.NativeLogLevel, "samplemind-gpuworker");
        _cpuMemory = _runtime.CreateCpuMemoryInfo();
        AvailableProviders = _runtime.GetAvailableProviders();
        GpuWorkerLog.RuntimeLoaded(_logger, Version, LibraryPath, string.Join(", ", AvailableProviders),
            _options.ExecutionProvider, _options.CudaDeviceId, _options.GpuMemoryLimitBytes,
            _options.IntraOpThreads, _options.InterOpThreads, _options.GraphOptimizationLevel);
    }

    /// <summary>ONNX Runtime's version, e.g. "1.30.0".</summary>
    public string Version => _runtime.Version;

    /// <summary>The library file in use.</summary>
    public string LibraryPath => _runtime.LibraryPath;

    /// <summary>The execution providers compiled into the library.</summary>
    public IReadOnlyList<string> AvailableProviders { get; }

    internal OnnxRuntime Runtime => _runtime;

    internal OrtMemoryInfoHandle CpuMemory => _cpuMemory;

    /// <summary>Opens a model file.</summary>
    /// <exception cref="OnnxRuntimeException">ONNX Runtime rejected the file (missing, not a model, invalid graph).</exception>
    public InferenceSession CreateSession(string modelPath, string? name = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelPath);
        return Create(name ?? Path.GetFileNameWithoutExtension(modelPath),
            options => _runtime.CreateSession(_env, modelPath, options));
    }

    /// <summary>Opens a model held in memory.</summary>
    /// <exception cref="OnnxRuntimeException">ONNX Runtime rejected the bytes.</exception>
    public InferenceSession CreateSession(ReadOnlyMemory<byte> model, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return Create(name, options => _runtime.CreateSession(_env, model.Span, options));
    }

    private InferenceSession Create(string name, Func<OrtSessionOptionsHandle, OrtSessionHandle> open)
    {
        string? fallbackReason = null;
        if (_options.ExecutionProvider == ExecutionProvider.Cuda)
        {
            using var cudaOptions = BaseSessionOptions();
            try
            {
                _runtime.AppendCudaExecutionProvider(cudaOptions, _options.CudaDeviceId, _options.GpuMemoryLimitBytes);
                return Describe(new InferenceSession(this, name, open(cudaOptions), ExecutionProvider.Cuda, null));
            }
            catch (OnnxRuntimeException ex)
            {
                fallbackReason = ex.NativeMessage;
                GpuWorkerLog.CudaFallback(_logger, name, fallbackReason);
            }
        }

        using var cpuOptions = BaseSessionOptions();
        return Describe(new InferenceSession(this, name, open(cpuOptions), ExecutionProvider.Cpu, fallbackReason));
    }

    private OrtSessionOptionsHandle BaseSessionOptions()
    {
        var options = _runtime.CreateSessionOptions();
        try
        {
            _runtime.SetIntraOpNumThreads(options, _options.IntraOpThreads);
            _runtime.SetInterOpNumThreads(options, _options.InterOpThreads);
            _runtime.SetGraphOptimizationLevel(options, _options.GraphOptimizationLevel);
            return options;
        }
        catch
        {
            options.Dispose();
            throw;
        }
    }

    private InferenceSession Describe(InferenceSession session)
    {
        GpuWorkerLog.SessionCreated(_logger, session.Name, session.ExecutionProvider,
            string.Join("; ", session.Inputs.Select(Format)), string.Join("; ", session.Outputs.Select(Format)));
        return session;

        static string Format(TensorInfo t) => $"{t.Name} {t.ElementType}[{string.Join(", ", t.Shape)}]";
    }

    /// <summary>Releases the environment; sessions made from it must be disposed first.</summary>
    public void Dispose()
    {
        _cpuMemory.Dispose();
        _env.Dispose();
    }
}
