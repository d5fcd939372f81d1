using Microsoft.Extensions.Logging;

namespace SampleMind.GpuWorker;

/// <summary>The GPU worker's log messages; event ids in the 9000s.</summary>
internal static partial class GpuWorkerLog
{
    public const int RuntimeLoadedId = 9000;
    public const int CudaFallbackId = 9001;
    public const int SessionCreatedId = 9002;
    public const int ModelRegisteredId = 9010;
    public const int ManifestRejectedId = 9011;
    public const int ModelsMissingId = 9012;
    public const int ModelNameUnknownId = 9013;
    public const int SeparationStartedId = 9020;
    public const int SeparationFinishedId = 9021;
    public const int BatchRunId = 9022;
    public const int BatchFailedId = 9023;
    public const int VariationMadeId = 9030;
    public const int StatsReportFailedId = 9040;

    [LoggerMessage(EventId = ModelsMissingId, Level = LogLevel.Warning,
        Message = "Models:Directory {Directory} is not a folder: no model is registered, so separation uses the DSP methods")]
    public static partial void ModelsMissing(ILogger logger, string directory);

    [LoggerMessage(EventId = ModelNameUnknownId, Level = LogLevel.Warning,
        Message = "Separation:ModelName {Model} names no registered separation model ({Registered}): separation uses the DSP methods")]
    public static partial void ModelNameUnknown(ILogger logger, string model, string registered);

    [LoggerMessage(EventId = StatsReportFailedId, Level = LogLevel.Warning, Message = "Could not report the GPU figures; trying again at the next interval")]
    public static partial void StatsReportFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = RuntimeLoadedId, Level = LogLevel.Information,
        Message = "ONNX Runtime {Version} loaded from {LibraryPath}; providers in this build: {Providers}; asked for {ExecutionProvider} (device {DeviceId}, memory limit {MemoryLimitBytes} B, threads intra {IntraOpThreads} inter {InterOpThreads}, optimisation {OptimizationLevel})")]
    public static partial void RuntimeLoaded(ILogger logger, string version, string libraryPath, string providers,
        Inference.ExecutionProvider executionProvider, int deviceId, long memoryLimitBytes, int intraOpThreads,
        int interOpThreads, Inference.GraphOptimizationLevel optimizationLevel);

    [LoggerMessage(EventId = CudaFallbackId, Level = LogLevel.Warning,
        Message = "CUDA was asked for but is not available ({Reason}); session {Model} runs on CPU")]
    public static partial void CudaFallback(ILogger logger, string model, string reason);

    [LoggerMessage(EventId = SessionCreatedId, Level = LogLevel.Information,
        Message = "Session {Model} created on {ExecutionProvider}: inputs {Inputs}, outputs {Outputs}")]
    public static partial void SessionCreated(ILogger logger, string model, Inference.ExecutionProvider executionProvider,
        string inputs, string outputs);

    [LoggerMessage(EventId = ModelRegisteredId, Level = LogLevel.Information,
        Message = "Model {Model} ({Task}) registered from {ManifestPath}")]
    public static partial void ModelRegistered(ILogger logger, string model, Models.ModelTask task, string manifestPath);

    [LoggerMessage(EventId = ManifestRejectedId, Level = LogLevel.Warning,
        Message = "Model manifest {ManifestPath} ignored: {Reason}")]
    public static partial void ManifestRejected(ILogger logger, string manifestPath, string reason);

    [LoggerMessage(EventId = SeparationStartedId, Level = LogLevel.Debug,
        Message = "Separating {Frames} frames at {SampleRate} Hz with {Method}")]
    public static partial void SeparationStarted(ILogger logger, long frames, int sampleRate, string method);

    [LoggerMessage(EventId = SeparationFinishedId, Level = LogLevel.Information,
        Message = "Separated {Frames} frames with {Method} into {StemCount} stems in {Segments} segments")]
    public static partial void SeparationFinished(ILogger logger, long frames, string method, int stemCount, int segments);

    [LoggerMessage(EventId = BatchRunId, Level = LogLevel.Trace,
        Message = "Batch of {Segments} segments from {Requests} requests run on {Model}")]
    public static partial void BatchRun(ILogger logger, string model, int segments, int requests);

    [LoggerMessage(EventId = BatchFailedId, Level = LogLevel.Error,
        Message = "Batch of {Segments} segments failed on {Model}")]
    public static partial void BatchFailed(ILogger logger, Exception exception, string model, int segments);

    [LoggerMessage(EventId = VariationMadeId, Level = LogLevel.Information,
        Message = "Variation made with {Method}: {Description}")]
    public static partial void VariationMade(ILogger logger, string method, string description);
}
