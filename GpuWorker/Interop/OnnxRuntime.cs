using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using SampleMind.GpuWorker.Inference;

namespace SampleMind.GpuWorker.Interop;

/// <summary>
/// ONNX Runtime's C API, read as a table of function pointers: <c>OrtGetApiBase()</c> (the only
/// exported symbol) → <c>GetApi(version)</c> → <c>OrtApi</c>. Every call that returns an
/// <c>OrtStatus*</c> is checked here and turned into an <see cref="OnnxRuntimeException"/>.
/// A library is loaded once per process and path (native libraries are never unloaded).
/// </summary>
internal sealed unsafe partial class OnnxRuntime
{
    /// <summary>
    /// The API version asked for: the oldest one that has every function we call (CUDA provider
    /// options V2 and their update function came with 1.11; 16 leaves margin). Any ONNX Runtime
    /// from 1.16 on, CPU or GPU build, answers it with the same append-only table.
    /// </summary>
    public const uint ApiVersion = 16;

    private static readonly ConcurrentDictionary<string, Lazy<OnnxRuntime>> s_loaded = new(StringComparer.Ordinal);

    private readonly nint* _fn;

    private OnnxRuntime(string path, nint* table, string version)
    {
        LibraryPath = path;
        _fn = table;
        Version = version;
    }

    /// <summary>The file the library was loaded from.</summary>
    public string LibraryPath { get; }

    /// <summary>ONNX Runtime's version string, e.g. "1.30.0".</summary>
    public string Version { get; }

    /// <summary>Loads the library at <paramref name="path"/> (once per process) and reads its API table.</summary>
    public static OnnxRuntime Load(string path)
    {
        var full = Path.GetFullPath(path);
        var lazy = s_loaded.GetOrAdd(full, p => new Lazy<OnnxRuntime>(() => LoadCore(p)));
        try
        {
            return lazy.Value;
        }
        catch (OnnxRuntimeLibraryException)
        {
            s_loaded.TryRemove(new KeyValuePair<string, Lazy<OnnxRuntime>>(full, lazy));
            throw;
        }
    }

    private static OnnxRuntime LoadCore(string path)
    {
        nint library;
        try
        {
            library = NativeLibrary.Load(path);
        }
        catch (DllNotFoundException ex)
        {
            throw new OnnxRuntimeLibraryException($"ONNX Runtime at {path} could not be loaded: {ex.Message}", ex);
        }

        if (!NativeLibrary.TryGetExport(library, "OrtGetApiBase", out var getApiBase))
        {
            throw new OnnxRuntimeLibraryException($"{path} does not export OrtGetApiBase: it is not ONNX Runtime's C library.");
        }

        // struct OrtApiBase { const OrtApi* (*GetApi)(uint32_t); const char* (*GetVersionString)(void); }
        var apiBase = ((delegate* unmanaged<nint*>)getApiBase)();
        var version = Marshal.PtrToStringUTF8(((delegate* unmanaged<nint>)apiBase[1])()) ?? "unknown";
        var table = ((delegate* unmanaged<uint, nint*>)apiBase[0])(ApiVersion);
        if (table is null)
        {
            throw new OnnxRuntimeLibraryException(
                $"ONNX Runtime {version} at {path} does not offer C API version {ApiVersion}; use ONNX Runtime 1.16 or later.");
        }

        return new OnnxRuntime(path, table, version);
    }

    /// <summary>Throws the error a non-null status carries, releasing the status.</summary>
    public void Check(nint status)
    {
        if (status == 0)
        {
            return;
        }

        using var handle = new OrtStatusHandle(this, status);
        throw new OnnxRuntimeException(ErrorCode(handle), ErrorMessage(handle));
    }

    /// <summary>Creates a status the way a custom operator would (used to check the table's layout).</summary>
    public OrtStatusHandle CreateStatus(OnnxRuntimeErrorCode code, string message)
    {
        var text = Marshal.StringToCoTaskMemUTF8(message);
        try
        {
            return new OrtStatusHandle(this, ((delegate* unmanaged<int, nint, nint>)_fn[OrtApiIndex.CreateStatus])((int)code, text));
        }
        finally
        {
            Marshal.FreeCoTaskMem(text);
        }
    }

    public OnnxRuntimeErrorCode ErrorCode(OrtStatusHandle status) =>
        (OnnxRuntimeErrorCode)((delegate* unmanaged<nint, int>)_fn[OrtApiIndex.GetErrorCode])(status.DangerousGetHandle());

    public string ErrorMessage(OrtStatusHandle status) =>
        Marshal.PtrToStringUTF8(((delegate* unmanaged<nint, nint>)_fn[OrtApiIndex.GetErrorMessage])(status.DangerousGetHandle())) ?? string.Empty;

    /// <summary>Creates the process's environment (logging level 0 verbose .. 4 fatal).</summary>
    public OrtEnvHandle CreateEnv(int loggingLevel, string logId)
    {
        var id = Marshal.StringToCoTaskMemUTF8(logId);
        try
        {
            nint env;
            Check(((delegate* unmanaged<int, nint, nint*, nint>)_fn[OrtApiIndex.CreateEnv])(loggingLevel, id, &env));
            return new OrtEnvHandle(this, env);
        }
        finally
        {
            Marshal.FreeCoTaskMem(id);
        }
    }

    public OrtSessionOptionsHandle CreateSessionOptions()
    {
        nint options;
        Check(((delegate* unmanaged<nint*, nint>)_fn[OrtApiIndex.CreateSessionOptions])(&options));
        return new OrtSessionOptionsHandle(this, options);
    }

    public void SetIntraOpNumThreads(OrtSessionOptionsHandle options, int threads) =>
        Check(((delegate* unmanaged<nint, int, nint>)_fn[OrtApiIndex.SetIntraOpNumThreads])(options.DangerousGetHandle(), threads));

    public void SetInterOpNumThreads(OrtSessionOptionsHandle options, int threads) =>
        Check(((delegate* unmanaged<nint, int, nint>)_fn[OrtApiIndex.SetInterOpNumThreads])(options.DangerousGetHandle(), threads));

    public void SetGraphOptimizationLevel(OrtSessionOptionsHandle options, GraphOptimizationLevel level) =>
        Check(((delegate* unmanaged<nint, int, nint>)_fn[OrtApiIndex.SetSessionGraphOptimizationLevel])(options.DangerousGetHandle(), (int)level));

    /// <summary>
    /// Appends the CUDA execution provider with a device and a memory-arena limit (bytes; 0 = no
    /// limit). Throws when this build or machine has no CUDA: the caller falls back to CPU.
    /// </summary>
    public void AppendCudaExecutionProvider(OrtSessionOptionsHandle options, int deviceId, long gpuMemoryLimitBytes)
    {
        nint cuda;
        Check(((delegate* unmanaged<nint*, nint>)_fn[OrtApiIndex.CreateCudaProviderOptions])(&cuda));
        try
        {
            var keys = new List<string> { "device_id" };
            var values = new List<string> { deviceId.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            if (gpuMemoryLimitBytes > 0)
            {
                keys.Add("gpu_mem_limit");
                values.Add(gpuMemoryLimitBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            using var nativeKeys = new Utf8StringArray(keys);
            using var nativeValues = new Utf8StringArray(values);
            Check(((delegate* unmanaged<nint, nint*, nint*, nuint, nint>)_fn[OrtApiIndex.UpdateCudaProviderOptions])(
                cuda, nativeKeys.Pointer, nativeValues.Pointer, (nuint)keys.Count));
            Check(((delegate* unmanaged<nint, nint, nint>)_fn[OrtApiIndex.SessionOptionsAppendExecutionProviderCudaV2])(
                options.DangerousGetHandle(), cuda));
        }
        finally
        {
            ((delegate* unmanaged<nint, void>)_fn[OrtApiIndex.ReleaseCudaProviderOptions])(cuda);
        }
    }

    /// <summary>The execution providers compiled into this build (e.g. CPUExecutionProvider).</summary>
    public IReadOnlyList<string> GetAvailableProviders()
    {
        nint* names;
        int count;
        Check(((delegate* unmanaged<nint**, int*, nint>)_fn[OrtApiIndex.GetAvailableProviders])(&names, &count));
        try
        {
            var result = new string[count];
            for (var i = 0; i < count; i++)
            {
                result[i] = Marshal.PtrToStringUTF8(names[i]) ?? string.Empty;
            }

            return result;
        }
        finally
        {
            Check(((delegate* unmanaged<nint*, int, nint>)_fn[OrtApiIndex.ReleaseAvailableProviders])(names, count));
        }
    }

    public OrtSessionHandle CreateSession(OrtEnvHandle env, string modelPath, OrtSessionOptionsHandle options)
    {
        var path = Marshal.StringToCoTaskMemUTF8(modelPath);
        try
        {
            nint session;
            Check(((delegate* unmanaged<nint, nint, nint, nint*, nint>)_fn[OrtApiIndex.CreateSession])(
                env.DangerousGetHandle(), path, options.DangerousGetHandle(), &session));
            return new OrtSessionHandle(this, session);
        }
        finally
        {
            Marshal.FreeCoTaskMem(path);
        }
    }

    public OrtSessionHandle CreateSession(OrtEnvHandle env, ReadOnlySpan<byte> model, OrtSessionOptionsHandle options)
    {
        fixed (byte* data = model)
        {
            nint session;
            Check(((delegate* unmanaged<nint, byte*, nuint, nint, nint*, nint>)_fn[OrtApiIndex.CreateSessionFromArray])(
                env.DangerousGetHandle(), data, (nuint)model.Length, options.DangerousGetHandle(), &session));
            return new OrtSessionHandle(this, session);
        }
    }

    /// <summary>Calls a Release* function of the table; used by the safe handles.</summary>
    public void Release(int releaseIndex, nint handle) =>
        ((delegate* unmanaged<nint, void>)_fn[releaseIndex])(handle);
}
