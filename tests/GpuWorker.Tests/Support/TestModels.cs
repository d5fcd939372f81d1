using System.Diagnostics;
using SampleMind.TestSupport;

namespace SampleMind.GpuWorker.Tests.Support;

/// <summary>
/// The tiny ONNX models of models/generate_test_models.py, written once per test run into a temp
/// folder with their manifests. Needs python3 with Debian's python3-onnx and python3-numpy.
/// </summary>
public sealed class TestModels
{
    private static readonly Lazy<TestModels> s_shared = new(() => new TestModels());

    private TestModels()
    {
        Directory = Path.Combine(Path.GetTempPath(), $"samplemind-test-models-{Environment.ProcessId}");
        System.IO.Directory.CreateDirectory(Directory);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => System.IO.Directory.Delete(Directory, recursive: true);
        var script = Path.Combine(RepoPaths.Root, "models", "generate_test_models.py");
        var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        var info = new ProcessStartInfo(python) { RedirectStandardError = true, RedirectStandardOutput = true };
        info.ArgumentList.Add(script);
        info.ArgumentList.Add(Directory);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {python}");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{python} {script} failed ({process.ExitCode}): {stderr.Result}{stdout}\n" +
                "The GpuWorker tests need python3-onnx and python3-numpy: apt-get install -y python3-onnx python3-numpy");
        }
    }

    /// <summary>The models, generated on first use.</summary>
    public static TestModels Shared => s_shared.Value;

    /// <summary>The folder holding the .onnx files and their manifests.</summary>
    public string Directory { get; }

    public string PathOf(string name) => Path.Combine(Directory, name + ".onnx");

    public string ManifestOf(string name) => Path.Combine(Directory, name + ".json");
}
