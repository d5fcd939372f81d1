using SampleMind.GpuWorker.Inference;
using SampleMind.GpuWorker.Tests.Support;
using Xunit.Abstractions;

namespace SampleMind.GpuWorker.Tests.Inference;

[Collection(MemoryCollection.Name)]
public sealed class NativeMemoryTests(ITestOutputHelper output)
{
    [Fact]
    public void A_thousand_runs_do_not_grow_resident_memory()
    {
        using var session = Support.Runtime.Cpu.CreateSession(TestModels.Shared.PathOf("test-separator-2stem"));
        var input = new FloatTensor(OnnxRuntimeBindingTests.Noise(2 * 2 * 4096, seed: 5), 2, 2, 4096);
        for (var i = 0; i < 100; i++)
        {
            session.Run("mixture", input, "stems");
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = ProcessMemory.ResidentBytes();
        for (var i = 0; i < 1000; i++)
        {
            session.Run("mixture", input, "stems");
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var growth = ProcessMemory.ResidentBytes() - before;

        output.WriteLine($"RSS before {before / 1048576.0:F1} MiB, growth over 1,000 runs {growth / 1048576.0:F2} MiB");
        Assert.True(growth < 20L << 20, $"resident memory grew by {growth / 1048576.0:F1} MiB over 1,000 runs");
    }
}
