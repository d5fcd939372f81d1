using Microsoft.Extensions.Options;
using SampleMind.GpuWorker.Inference;

namespace SampleMind.GpuWorker.Tests.Support;

/// <summary>Opens ONNX Runtime the way the product does (option, variable, then the .tools cache).</summary>
internal static class Runtime
{
    private static readonly Lazy<OnnxRuntimeEnvironment> s_cpu = new(() => Create(new OnnxRuntimeOptions()));

    /// <summary>One CPU environment shared by the tests (as one per process in the product).</summary>
    public static OnnxRuntimeEnvironment Cpu => s_cpu.Value;

    public static OnnxRuntimeEnvironment Create(OnnxRuntimeOptions options) => new(Options.Create(options));
}
