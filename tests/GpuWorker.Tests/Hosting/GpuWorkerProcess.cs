using System.Diagnostics;
using System.Text;
using SampleMind.TestSupport;

namespace SampleMind.GpuWorker.Tests.Hosting;

/// <summary>
/// The GpuWorker host (GpuWorker/bin/&lt;configuration&gt;/net10.0) as a separate process with the
/// given settings as environment variables; <see cref="Kill"/> is kill -9.
/// </summary>
internal sealed class GpuWorkerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private GpuWorkerProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static GpuWorkerProcess Start(string workingDirectory, IReadOnlyDictionary<string, string> settings)
    {
        var start = new ProcessStartInfo("dotnet", [BuiltHosts.Dll("GpuWorker", "SampleMind.GpuWorker.dll")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        var worker = new GpuWorkerProcess(Process.Start(start)!);
        worker._process.OutputDataReceived += (_, e) => worker.Append(e.Data);
        worker._process.ErrorDataReceived += (_, e) => worker.Append(e.Data);
        worker._process.BeginOutputReadLine();
        worker._process.BeginErrorReadLine();
        return worker;
    }

    /// <summary>Throws with the process's output when it has exited (it should run until killed).</summary>
    public void EnsureRunning()
    {
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"The GpuWorker process exited with {_process.ExitCode}:\n{Output}");
        }
    }

    /// <summary>SIGKILL: no shutdown code runs, leases stay held until they expire.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }


    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
