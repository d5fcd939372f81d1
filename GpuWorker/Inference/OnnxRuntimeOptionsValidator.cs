using Microsoft.Extensions.Options;

namespace SampleMind.GpuWorker.Inference;

/// <summary>Checks <see cref="OnnxRuntimeOptions"/> at start.</summary>
public sealed class OnnxRuntimeOptionsValidator : IValidateOptions<OnnxRuntimeOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, OnnxRuntimeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.LibraryPath is { Length: > 0 } path && !File.Exists(path))
        {
            failures.Add($"OnnxRuntime:LibraryPath '{path}' does not exist.");
        }

        if (!Enum.IsDefined(options.ExecutionProvider))
        {
            failures.Add($"OnnxRuntime:ExecutionProvider '{options.ExecutionProvider}' is not Cpu or Cuda.");
        }

        if (options.CudaDeviceId < 0)
        {
            failures.Add("OnnxRuntime:CudaDeviceId must be 0 or more.");
        }

        if (options.GpuMemoryLimitBytes < 0)
        {
            failures.Add("OnnxRuntime:GpuMemoryLimitBytes must be 0 (no limit) or more.");
        }

        if (options.IntraOpThreads < 0 || options.InterOpThreads < 0)
        {
            failures.Add("OnnxRuntime:IntraOpThreads and InterOpThreads must be 0 (ONNX Runtime's choice) or more.");
        }

        if (!Enum.IsDefined(options.GraphOptimizationLevel))
        {
            failures.Add("OnnxRuntime:GraphOptimizationLevel must be DisableAll, Basic, Extended or All.");
        }

        if (options.NativeLogLevel is < 0 or > 4)
        {
            failures.Add("OnnxRuntime:NativeLogLevel must be between 0 (verbose) and 4 (fatal).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
