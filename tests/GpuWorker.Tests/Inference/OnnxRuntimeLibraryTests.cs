using SampleMind.GpuWorker.Inference;
using SampleMind.GpuWorker.Interop;

namespace SampleMind.GpuWorker.Tests.Inference;

public sealed class OnnxRuntimeLibraryTests
{
    [Fact]
    public void No_library_anywhere_names_the_fetch_script_and_the_option()
    {
        var empty = Directory.CreateTempSubdirectory("no-ort-").FullName;
        try
        {
            var ex = Assert.Throws<OnnxRuntimeLibraryException>(() =>
                OnnxRuntimeLibraryLocator.Resolve(configuredPath: null, fromEnvironment: null, startDirectory: empty));

            Assert.Contains("scripts/fetch-onnxruntime.sh", ex.Message, StringComparison.Ordinal);
            Assert.Contains("OnnxRuntime:LibraryPath", ex.Message, StringComparison.Ordinal);
            Assert.Contains(OnnxRuntimeOptions.LibraryPathVariable, ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(empty);
        }
    }

    [Fact]
    public void A_configured_path_that_does_not_exist_is_reported_as_such()
    {
        var path = $"/nonexistent/{Guid.NewGuid()}/libonnxruntime.so.1";

        var ex = Assert.Throws<OnnxRuntimeLibraryException>(() => OnnxRuntimeLibraryLocator.Resolve(path, null, null));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("OnnxRuntime:LibraryPath", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_configured_path_wins_over_the_variable_and_the_cache()
    {
        var file = Path.GetTempFileName();
        try
        {
            var resolved = OnnxRuntimeLibraryLocator.Resolve(file, "/elsewhere/libonnxruntime.so.1", null);

            Assert.Equal(Path.GetFullPath(file), resolved);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void A_file_that_is_not_a_shared_library_fails_to_load_with_its_path()
    {
        var file = Path.GetTempFileName();
        try
        {
            var ex = Assert.Throws<OnnxRuntimeLibraryException>(() => OnnxRuntime.Load(file));

            Assert.Contains(file, ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void A_shared_library_that_is_not_onnx_runtime_is_refused()
    {
        var libc = "/lib/x86_64-linux-gnu/libc.so.6";

        var ex = Assert.Throws<OnnxRuntimeLibraryException>(() => OnnxRuntime.Load(libc));

        Assert.Contains("OrtGetApiBase", ex.Message, StringComparison.Ordinal);
    }
}
